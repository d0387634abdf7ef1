import { intBelow, intBetween, type Rng } from "./rng";

/**
 * Who is called, about what, from where: the demo data's cast. Plain data and
 * tiny helpers; the generator combines them per call.
 */

export interface Country {
  code: string;
  /** Prefix shown before amounts, e.g. "$" or "AED ". */
  currency: string;
  /** Local currency units per US dollar (roughly), so balances look local. */
  perUsd: number;
  firstNames: readonly string[];
  lastNames: readonly string[];
  /** A mobile number in E.164. */
  phone: (rng: Rng) => string;
}

function digits(rng: Rng, count: number): string {
  let s = "";
  for (let i = 0; i < count; i++) s += String(intBelow(rng, 10));
  return s;
}

const NANP = (rng: Rng) => `+1${intBetween(rng, 2, 9)}${digits(rng, 2)}${intBetween(rng, 2, 9)}${digits(rng, 6)}`;

export const COUNTRIES: Record<string, Country> = {
  US: {
    code: "US",
    currency: "$",
    perUsd: 1,
    firstNames: [
      "James",
      "Maria",
      "Robert",
      "Jennifer",
      "Michael",
      "Linda",
      "David",
      "Patricia",
      "Carlos",
      "Ashley",
      "Daniel",
      "Jessica",
      "Anthony",
      "Brittany",
      "Kevin",
      "Latoya",
      "Jose",
      "Emily",
      "Brandon",
      "Tiffany",
      "Marcus",
      "Rosa",
      "Tyler",
      "Keisha",
      "Sarah",
      "Hector",
      "Megan",
      "Darnell",
    ],
    lastNames: [
      "Johnson",
      "Garcia",
      "Williams",
      "Brown",
      "Martinez",
      "Davis",
      "Rodriguez",
      "Miller",
      "Wilson",
      "Anderson",
      "Thomas",
      "Jackson",
      "White",
      "Harris",
      "Lopez",
      "Clark",
      "Lewis",
      "Walker",
      "Hall",
      "Young",
      "Nguyen",
      "Patel",
      "Robinson",
      "Ramirez",
      "Carter",
      "Brooks",
    ],
    phone: NANP,
  },
  CA: {
    code: "CA",
    currency: "CA$",
    perUsd: 1.37,
    firstNames: ["Liam", "Olivia", "Noah", "Chloe", "Ethan", "Sophie", "Mathieu", "Isabelle", "Owen", "Emma"],
    lastNames: ["Tremblay", "Roy", "Gagnon", "Smith", "MacDonald", "Wong", "Campbell", "Bouchard", "Leblanc", "Singh"],
    phone: NANP,
  },
  GB: {
    code: "GB",
    currency: "£",
    perUsd: 0.79,
    firstNames: ["Oliver", "Amelia", "Harry", "Isla", "George", "Sophie", "Jack", "Poppy", "Mohammed", "Grace", "Callum"],
    lastNames: ["Smith", "Jones", "Taylor", "Evans", "Thomas", "Roberts", "Hughes", "Khan", "Wright", "Walsh", "Price"],
    phone: (rng) => `+447${intBetween(rng, 4, 9)}${digits(rng, 8)}`,
  },
  AE: {
    code: "AE",
    currency: "AED ",
    perUsd: 3.67,
    firstNames: ["Ahmed", "Fatima", "Omar", "Aisha", "Khalid", "Mariam", "Yousef", "Noura", "Rajesh", "Priya", "Joseph"],
    lastNames: ["Al Mansouri", "Al Hashimi", "Haddad", "Khoury", "Nair", "Menon", "Saleh", "Farouk", "D'Souza", "Rahman"],
    phone: (rng) => `+9715${"024568"[intBelow(rng, 6)]}${digits(rng, 7)}`,
  },
  MX: {
    code: "MX",
    currency: "MX$",
    perUsd: 18,
    firstNames: ["Juan", "Guadalupe", "Luis", "Sofia", "Miguel", "Valeria", "Alejandro", "Fernanda", "Diego", "Ximena"],
    lastNames: ["Hernandez", "Gonzalez", "Perez", "Sanchez", "Ramirez", "Flores", "Torres", "Morales", "Cruz", "Reyes"],
    phone: (rng) => `+52${["55", "33", "81", "22", "66"][intBelow(rng, 5)]}${digits(rng, 8)}`,
  },
  DE: {
    code: "DE",
    currency: "€",
    perUsd: 0.92,
    firstNames: ["Lukas", "Anna", "Felix", "Lena", "Jonas", "Laura", "Maximilian", "Julia", "Paul", "Mia"],
    lastNames: ["Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Koch", "Richter"],
    phone: (rng) => `+491${["51", "52", "60", "62", "70", "71", "72", "76"][intBelow(rng, 8)]}${digits(rng, 7)}`,
  },
  ES: {
    code: "ES",
    currency: "€",
    perUsd: 0.92,
    firstNames: ["Javier", "Lucia", "Pablo", "Carmen", "Sergio", "Elena", "Alvaro", "Marta"],
    lastNames: ["Garcia", "Fernandez", "Lopez", "Martin", "Sanchez", "Romero", "Navarro", "Torres"],
    phone: (rng) => `+346${digits(rng, 8)}`,
  },
  IN: {
    code: "IN",
    currency: "₹",
    perUsd: 83,
    firstNames: ["Arjun", "Ananya", "Rahul", "Sneha", "Vikram", "Divya", "Karan", "Meera"],
    lastNames: ["Sharma", "Iyer", "Reddy", "Gupta", "Singh", "Kapoor", "Das", "Joshi"],
    phone: (rng) => `+91${intBetween(rng, 6, 9)}${digits(rng, 9)}`,
  },
};

/** The share of debtors per country for most portfolios. */
export const COUNTRY_MIX: ReadonlyArray<readonly [string, number]> = [
  ["US", 55],
  ["GB", 12],
  ["AE", 8],
  ["MX", 8],
  ["CA", 6],
  ["DE", 5],
  ["ES", 3],
  ["IN", 3],
];

export interface Project {
  id: string;
  weight: number;
  creditors: readonly string[];
  product: string;
  /** Total balance range, in US dollars. */
  balanceUsd: readonly [number, number];
  /** Share of the balance that is past due. */
  pastDueShare: readonly [number, number];
  /** Multipliers on the global outcome mix (a portfolio's character). */
  outcomeBias: Partial<Record<string, number>>;
  countries: ReadonlyArray<readonly [string, number]>;
  campaigns: readonly string[];
}

export const PROJECTS: readonly Project[] = [
  {
    id: "proj_credit_cards",
    weight: 30,
    creditors: ["Northwind Card Services", "BluePeak Bank"],
    product: "credit card account",
    balanceUsd: [600, 9500],
    pastDueShare: [0.08, 0.3],
    outcomeBias: { "PAYMENT COMPLETED": 1.1 },
    countries: COUNTRY_MIX,
    campaigns: ["early-stage-30", "late-stage-90", "hardship-followup"],
  },
  {
    id: "proj_auto_loans",
    weight: 22,
    creditors: ["Summit Auto Finance", "Crestline Motor Credit"],
    product: "auto loan",
    balanceUsd: [4000, 22000],
    pastDueShare: [0.03, 0.12],
    outcomeBias: { "PAYMENT PROMISE": 1.3, "NOT INTERESTED": 0.7 },
    countries: COUNTRY_MIX,
    campaigns: ["early-stage-30", "repo-prevention"],
  },
  {
    id: "proj_telecom",
    weight: 18,
    creditors: ["Vertex Mobile", "Skyline Fiber"],
    product: "phone and internet account",
    balanceUsd: [60, 900],
    pastDueShare: [0.4, 1],
    outcomeBias: { "NOT INTERESTED": 1.5, "WRONG NUMBER": 1.3, "PAYMENT COMPLETED": 1.2 },
    countries: COUNTRY_MIX,
    campaigns: ["final-notice", "win-back"],
  },
  {
    id: "proj_utilities",
    weight: 16,
    creditors: ["Cascade Power & Light", "Metro Water & Gas"],
    product: "utility account",
    balanceUsd: [90, 1400],
    pastDueShare: [0.3, 0.9],
    outcomeBias: { "PAYMENT EXTENSION": 1.3 },
    countries: COUNTRY_MIX,
    campaigns: ["winter-protection", "early-stage-30"],
  },
  {
    id: "proj_medical",
    weight: 14,
    creditors: ["St. Aurelia Medical Center", "Riverside Health Billing"],
    product: "medical bill",
    balanceUsd: [150, 7500],
    pastDueShare: [0.5, 1],
    outcomeBias: { "PAYMENT EXTENSION": 1.6, "CALL BACK REQUESTED": 1.2, "PAYMENT COMPLETED": 0.7 },
    // Medical billing here is a US/Canadian portfolio.
    countries: [
      ["US", 90],
      ["CA", 10],
    ],
    campaigns: ["self-pay-balance", "insurance-followup"],
  },
];

/** Levers' own outbound numbers; a local one is used where the portfolio has it. */
export const LEVERS_NUMBERS: Record<string, readonly string[]> = {
  default: ["+15074106928", "+15074106939", "+16282519046", "+14155238873"],
  GB: ["+447480812345"],
  AE: ["+97142487311"],
};

function groupThousands(n: number): string {
  return n < 1000 ? String(n) : `${groupThousands(Math.floor(n / 1000))},${String(n % 1000).padStart(3, "0")}`;
}

/** "1,234.56" with the country's currency prefix. */
export function formatMoney(country: Country, usd: number): string {
  const local = usd * country.perUsd;
  // Large local amounts (rupees, pesos) are quoted in whole units.
  const cents = local >= 10000 ? Math.round(local) * 100 : Math.round(local * 100);
  const whole = Math.floor(cents / 100);
  const fraction = cents % 100;
  const grouped = groupThousands(whole);
  return local >= 10000 ? `${country.currency}${grouped}` : `${country.currency}${grouped}.${fraction < 10 ? "0" : ""}${fraction}`;
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "Friday, March 14" (calendar date in UTC). */
export function formatDay(epochMs: number): string {
  const d = new Date(epochMs);
  return `${WEEKDAYS[d.getUTCDay()]}, ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
}

export function weekdayName(epochMs: number): string {
  return WEEKDAYS[new Date(epochMs).getUTCDay()]!;
}
