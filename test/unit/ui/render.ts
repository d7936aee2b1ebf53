/** Rendering Preact into happy-dom without a testing library. */
import type { VNode } from 'preact'
import { render } from 'preact'
import { act } from 'preact/test-utils'

export async function mount(vnode: VNode): Promise<HTMLElement> {
  const container = document.createElement('div')
  document.body.append(container)
  await act(() => render(vnode, container))
  return container
}

export async function unmount(container: HTMLElement): Promise<void> {
  await act(() => render(null, container))
  container.remove()
}

/** Polls until `check` stops throwing (async reads, effects and the re-read delay all settle on their own time). */
export async function waitFor<T>(check: () => T, timeoutMs = 2000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return check()
    } catch (error) {
      if (Date.now() > deadline) throw error
    }
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)))
  }
}

export async function click(element: Element): Promise<void> {
  await act(() => {
    element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))
  })
}

export async function press(element: Element, key: string): Promise<void> {
  await act(() => {
    element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))
  })
}

export function all(root: ParentNode, testId: string): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)]
}

export function one(root: ParentNode, testId: string): HTMLElement {
  const found = all(root, testId)
  if (found.length !== 1) throw new Error(`expected one [data-testid="${testId}"], found ${found.length}`)
  return found[0]!
}
