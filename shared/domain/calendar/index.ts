export {
  COMPENSATORY_PREFIX,
  HOLIDAY_NAMES,
  defaultDaysOff,
  publicHolidays,
  type DayOff,
} from './holidays';
export {
  CALENDAR_MAX_YEAR,
  CALENDAR_MIN_YEAR,
  CalendarOverridesSchema,
  DEFAULT_OFFICE_HOURS,
  IsoDateSchema,
  OfficeHoursSchema,
  YearOverridesSchema,
  describeIssue,
  type CalendarOverrides,
  type CalendarOverridesInput,
  type OfficeHours,
  type YearOverrides,
} from './schemas';
export {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  VIETNAM_OFFSET_MS,
  dayOfIsoDate,
  formatInstant,
  isoDateOfDay,
  localDayOf,
  parseInstant,
  weekdayOfDay,
} from './time';
export {
  CalendarRangeError,
  WorkingCalendar,
  type NonWorkingDay,
  type WorkingCalendarOptions,
} from './working-calendar';
