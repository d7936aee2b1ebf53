/** Where the timeline's layers sit, in chart pixels (the chart is CHART_HEIGHT tall and as wide as its box). */
export const CHART_HEIGHT = 140
export const PLOT_LEFT = 44
export const PLOT_RIGHT_GAP = 12
export const MARKER_Y = 7
export const PLOT_TOP = 16
export const PLOT_BOTTOM = 96
export const PING_TOP = 98
export const PING_BOTTOM = 104
export const SEGMENT_TOP = 107
export const SEGMENT_HEIGHT = 6
export const AXIS_LABEL_Y = 130
