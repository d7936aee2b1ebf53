// @vitest-environment happy-dom
import { channelTests } from './hook-channel'

channelTests('relay first')
