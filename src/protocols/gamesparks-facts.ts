/** What the GameSparks adapter works out about each frame, for the GameSparks rules. Filled in by its adapter. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface GameSparksFacts {}
