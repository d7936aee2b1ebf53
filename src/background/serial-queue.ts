/** Runs async jobs one after another, in submission order; a failing job does not stop the next. */
export function serialQueue(onError: (error: unknown) => void): <T>(job: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve()
  return <T>(job: () => Promise<T>): Promise<T> => {
    const run = tail.then(job)
    tail = run.catch(onError)
    return run
  }
}
