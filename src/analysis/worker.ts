/** The analysis Worker: the AnalysisService behind comlink. */
import { expose } from 'comlink';
import { AnalysisService } from './analysisService';

expose(new AnalysisService());
