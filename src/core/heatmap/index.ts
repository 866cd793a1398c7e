/** The liquidation heatmap model (DESIGN.md §2): pure, incremental, per exchange and aggregated. */
export { HeatmapEngine, runHeatmap, type Cluster, type DensityGrid, type Estimator, type HeatmapStep, type ProfileBucket, type Side } from './engine';
export { DEFAULT_HEATMAP_PARAMS, resolveHeatmapParams, type HeatmapParams, type LeverageTier } from './params';
export { liquidationPrice } from './liquidationPrice';
export { PriceBuckets } from './buckets';
export { aggregateProfiles, confirmClusters, profileClusters, sameCluster, type ConfirmedCluster, type ExchangeProfile } from './aggregate';
export { MagnetTracker, DEFAULT_MAGNET_SETTINGS, magnetOutcomes, type MagnetOutcomes, type MagnetSettings, type MagnetZone } from './magnet';
export { scoreHeatmap, inTopQuartile, PrintScorer, type HeatmapScore, type SideScore } from './score';
export { measureSkill, skillByUtcDay, summariseSkill, SkillTracker, utcDay, triggerPrice, weightedMidRank, type BaselineKind, type DensitySource, type CalibrationSummary, type ForecastBasis, type LevelForecaster, type PriceBasis, type ScoredLevel, type SkillModel, type SkillOptions, type SkillSummary, type SnapshotScore } from './skill';
export { ALPHA_GRID, distanceBin, type ForecastPrior, type LevelForecast } from './forecast';
export { forecastPrior } from './prior';
