/**
 * The user's redaction settings for views deep in the panel (event details), which the panel shell reads once
 * instead of every view in between passing them along. Outside a provider: the built-in defaults.
 */
import { createContext } from 'preact'
import type { RedactionSettings } from '../session/user-settings'
import { REDACTION_DEFAULTS } from '../session/user-settings'

export const RedactionContext = createContext<RedactionSettings>(REDACTION_DEFAULTS)
