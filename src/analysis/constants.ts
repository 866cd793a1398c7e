/** The port the offscreen document opens to the background to carry the analysis Worker's messages. */
export const ANALYSIS_PORT = 'liqlens-analysis';
