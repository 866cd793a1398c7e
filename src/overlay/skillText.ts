// The heatmap's skill in words lives with the rest of the wording; the painter and its tests read it here.
export { showsEdge, skillText } from '../wording/heatmap';
