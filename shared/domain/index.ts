/** The domain core: rules that the desktop client and the central API both run. */
export * from './calendar';
export * from './complaint-machine';
export * from './deadline';
export * from './dossier-machine';
export {
  LUNAR_MAX_YEAR,
  LUNAR_MIN_YEAR,
  VIETNAM_UTC_OFFSET_HOURS,
  leapMonthOf,
  lunarToSolar,
  solarToLunar,
  type LunarDate,
  type SolarDate,
} from './lunar';
export {
  RULE_CODES,
  isRuleCode,
  type ActingOfficer,
  type ActionContext,
  type ActionSettings,
  type HistoryDraft,
  type Refusal,
  type RuleCode,
} from './rules';
export { NO_SIGN_OFF, signOffPolicy, type SignOffPolicy } from './sign-off';
export { handlingPolicy, type HandlingPolicy } from './handling';
export { compareVietnamese, foldVietnamese, toNfc, vietnameseSortKey } from './text';
