import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../testing/database";

/**
 * schema.prisma (what the generated client believes) and the SQL migrations
 * (what the database really is) are written by hand side by side; this proves
 * they agree: every model's table, every field's column with its type and
 * nullability, every unique constraint and index.
 */
interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: string;
  type: string;
  isRequired: boolean;
  isList: boolean;
  nativeType?: [string, string[]] | null;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string | null;
  fields: { name: string }[];
}

async function loadDmmf() {
  const dir = path.resolve("prisma/schema");
  const files = await Promise.all(
    (await readdir(dir))
      .filter((f) => f.endsWith(".prisma"))
      .map(async (f) => [path.join(dir, f), await readFile(path.join(dir, f), "utf8")]),
  );
  const datamodel = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: files }))).datamodel as {
    models: DmmfModel[];
    indexes: DmmfIndex[];
  };
  // The DMMF leaves `Unsupported("…")` fields (e.g. tsvector) out; read them from the text.
  for (const [, text] of files) {
    for (const block of text!.matchAll(/model\s+(\w+)\s*\{([\s\S]*?)\n\}/g)) {
      const model = datamodel.models.find((m) => m.name === block[1]);
      for (const line of block[2]!.matchAll(/^\s*(\w+)\s+Unsupported\("[^"]+"\)(\?)?(?:.*@map\("([^"]+)"\))?/gm)) {
        model?.fields.push({
          name: line[1]!,
          dbName: line[3] ?? null,
          kind: "unsupported",
          type: "Unsupported",
          isRequired: !line[2],
          isList: false,
        });
      }
    }
  }
  return datamodel;
}

const PG_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Boolean: "boolean",
  DateTime: "timestamp with time zone",
  Json: "jsonb",
  Decimal: "numeric",
  Bytes: "bytea",
};

function expectedType(field: DmmfField): string | undefined {
  if (field.kind === "enum") return "USER-DEFINED";
  if (field.kind === "unsupported") return undefined;
  if (field.nativeType?.[0] === "Uuid") return "uuid";
  if (field.nativeType?.[0] === "Timestamp") return "timestamp without time zone";
  if (field.nativeType?.[0] === "Date") return "date";
  return PG_TYPES[field.type];
}

describe("schema.prisma and the migrations agree", () => {
  const db = useTestDatabase();
  let dmmf: Awaited<ReturnType<typeof loadDmmf>>;
  let columns: Map<string, { data_type: string; is_nullable: string }>;
  let indexes: { table: string; name: string; unique: boolean; columns: string[] }[];

  beforeAll(async () => {
    dmmf = await loadDmmf();
    const client = new pg.Client({ connectionString: db.url() });
    await client.connect();
    try {
      const cols = await client.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
        `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
      );
      columns = new Map(cols.rows.map((r) => [`${r.table_name}.${r.column_name}`, r]));
      const idx = await client.query<{ table: string; name: string; unique: boolean; columns: string[] }>(
        `SELECT t.relname::text AS table, i.relname::text AS name, ix.indisunique AS unique,
                array_agg(a.attname::text ORDER BY k.ord) AS columns
           FROM pg_index ix
           JOIN pg_class i ON i.oid = ix.indexrelid
           JOIN pg_class t ON t.oid = ix.indrelid
           JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
           CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
          GROUP BY t.relname, i.relname, ix.indisunique`,
      );
      indexes = idx.rows;
    } finally {
      await client.end();
    }
  });

  it("has a table and a column of the right type and nullability for every model field", () => {
    const problems: string[] = [];
    for (const model of dmmf.models) {
      const table = model.dbName ?? model.name;
      for (const field of model.fields.filter((f) => f.kind !== "object")) {
        const column = field.dbName ?? field.name;
        const found = columns.get(`${table}.${column}`);
        if (!found) {
          problems.push(`${model.name}.${field.name}: no column ${table}.${column}`);
          continue;
        }
        const type = expectedType(field);
        if (type && !field.isList && found.data_type !== type) {
          problems.push(`${model.name}.${field.name}: column is ${found.data_type}, schema says ${type}`);
        }
        if (field.isRequired !== (found.is_nullable === "NO")) {
          problems.push(
            `${model.name}.${field.name}: nullability differs (schema required=${field.isRequired}, db nullable=${found.is_nullable})`,
          );
        }
      }
    }
    expect(problems).toEqual([]);
    expect(dmmf.models.length).toBeGreaterThan(0);
  });

  it("has every id, unique constraint and index the schema declares, on the same columns in order", () => {
    const problems: string[] = [];
    for (const index of dmmf.indexes) {
      const model = dmmf.models.find((m) => m.name === index.model)!;
      const table = model.dbName ?? model.name;
      const cols = index.fields.map((f) => {
        const field = model.fields.find((mf) => mf.name === f.name)!;
        return field.dbName ?? field.name;
      });
      const match = indexes.find(
        (i) =>
          i.table === table &&
          i.columns.join(",") === cols.join(",") &&
          (index.type === "normal" || i.unique) &&
          (!index.dbName || i.name === index.dbName),
      );
      if (!match)
        problems.push(`${index.type} index on ${table}(${cols.join(", ")})${index.dbName ? ` named ${index.dbName}` : ""} is missing`);
    }
    expect(problems).toEqual([]);
  });
});
