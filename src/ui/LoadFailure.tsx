/** What a view shows when it cannot even tell which scope to read. */
export function LoadFailure({ testId, reason }: { testId: string; reason: string }) {
  return (
    <div class="load-failure" data-testid={testId} data-ready="true" role="alert">
      Sessionscope cannot show this tab: {reason}
    </div>
  )
}
