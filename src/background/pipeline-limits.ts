import type { CaptureBounds } from './drops'
import { CAPTURE_BOUNDS } from './drops'
import { IN_FLIGHT_LIMIT } from './merge'

/** The pipeline's bounds; tests lower them to reach them. */
export interface PipelineLimits extends CaptureBounds {
  /** Requests of one tab waiting for a report (response, frames) that memory holds before forgetting the oldest. */
  inFlight: number
  /**
   * Frame data of a socket applied and stored per write at most (at least one frame); a backlog goes over several
   * writes. Every tab's captures wait behind a write's transaction, and 5 MiB of frames with their events took a
   * loaded machine's IndexedDB over a second.
   */
  frameCharsPerWrite: number
}

export const PIPELINE_LIMITS: PipelineLimits = { ...CAPTURE_BOUNDS, inFlight: IN_FLIGHT_LIMIT, frameCharsPerWrite: 2 ** 20 }
