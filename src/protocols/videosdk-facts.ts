/** What the VideoSDK adapter works out about each request, for the VideoSDK rules. Filled in by its adapter. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface VideoSdkFacts {}
