const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Account, call and note ids are uuids: anything else is a malformed id (400), not an unknown one (404). */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
