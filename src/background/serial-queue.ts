/**
 * Runs async jobs one after another, in submission order. A failing job does not stop the next; its error
 * goes to whoever awaits that job.
 */
export function serialQueue(): <T>(job: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve()
  return <T>(job: () => Promise<T>): Promise<T> => {
    const run = tail.then(job)
    tail = run.catch(() => {})
    return run
  }
}
