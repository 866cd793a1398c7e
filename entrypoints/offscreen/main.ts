import { hostAnalysisWorker } from '../../src/analysis/offscreenHost';

hostAnalysisWorker();
