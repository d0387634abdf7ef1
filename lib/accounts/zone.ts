/**
 * The zone helpers accounts code was first written against, now shared by
 * every domain in `lib/time/zones`; kept as a path so code and tests that
 * import `./zone` still compile. New code imports `@/lib/time/zones`.
 */
export {
  addDays,
  isoDate,
  isValidIsoDate,
  isValidTimeZone,
  type LocalDateTime,
  localDateOf,
  offsetMinutesAt,
  toLocal,
  weekdayOfDate,
  zonedToInstant,
} from "@/lib/time/zones";
