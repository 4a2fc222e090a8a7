/**
 * Deterministic synthetic datasets and pages, for the benchmarks (issue #3/#4): news-like
 * claims with realistic sentence lengths (12–30 words), entity names (people, countries,
 * organisations with aliases), and a general news vocabulary; and page text of a chosen size
 * that reports a few of the claims among ordinary sentences. Same seed → same output.
 */
import type { Claim, Dataset, Entity, Source, Statement } from '../core/model.ts';

/** mulberry32: a small, well-known 32-bit PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = 'Anna Boris Carlos Dana Elena Farid Grace Hiro Ines Jonas Karim Lena Marco Nadia Omar Petra Quentin Rosa Sami Tara Ugo Vera Wei Xenia Yusuf Zofia Adam Bianca Chen Dmitri Eva Felix Gita Hans Ivan Julia Kofi Lars Maya Nikos'.split(' ');
const LAST = 'Abara Brenner Castillo Dvorak Eriksen Ferreira Gallo Haddad Ivanova Jensen Kowalski Laurent Moreau Nakamura Okafor Petrov Quiroga Rossi Schmidt Tanaka Ulrich Varga Weber Xu Yilmaz Zielinski Andersen Bauer Costa Dubois Engel Fischer Greco Horvat Ionescu Jovanovic Kaya Lindqvist Marin Novak'.split(' ');
const COUNTRY = 'Arland Borovia Calderia Dravinia Estmark Fenwick Galdor Hestia Istrava Jorvik Kalimar Lunaria Mordania Norvale Ostland Pelagia Quarin Rhodana Sarkesh Tavira Ulmora Valdoria Westrea Xandria Yarrow Zembla'.split(' ');
const CAPITAL = 'Arlo Borisk Calder Dravin Estby Fenport Galdos Hestor Istra Jorby Kalim Luna Mordas Norby Ostburg Pelos Quara Rhodes Sarkand Tavi Ulm Valdo Westby Xandra Yarrowby Zemblin'.split(' ');
const ORG = 'Ministry of Trade|Central Bank|Defence Ministry|Energy Agency|Health Ministry|Port Authority|Customs Service|Foreign Ministry|Interior Ministry|Audit Office|Electoral Commission|Supreme Court|Finance Ministry|Rail Company|Grain Board|Mining Agency'.split('|');
const ROLE = 'spokesman|minister|governor|prosecutor|envoy|senator|chief executive|analyst|general|ambassador'.split('|');

const NOUNS_BASE = 'weapons munitions food grain fuel oil gas loans aid sanctions tariffs deal agreement pipeline port railway exports imports drones missiles tanks vaccines medicine wheat rice fertiliser coal steel chips satellites troops refugees elections ballots budget taxes debt bonds reserves currency inflation wages pensions hospitals schools roads bridges dams reactors mines forests fisheries licences contracts bribes shipments vessels aircraft helicopters artillery shells ammunition equipment data servers networks cables'.split(' ');
const VERBS_BASE = 'offer supply send sell buy ship deliver seek request export import block ban approve sign cancel suspend fund finance build expand cut raise lower freeze seize transfer smuggle divert promise pledge'.split(' ');
const NOUNS = [...new Set([...NOUNS_BASE, ...'aircraft airline airport ambassador archive arsenal assets asylum audit ballot bank barrels bases battery border bribery brigade broadcaster budget buildings cabinet campaign canal cargo cartel census charity chemicals cities citizens clinics coalition coastline commanders commission committee commodities company compensation computers concessions convoy copper corridor councils courts credit crops crude customs cyberattack dam database deadline debts deficit delegates deposits detainees diamonds diesel diplomats dividends doctors donations drills earnings electricity embassy emissions engineers envoys evidence explosives factories farmers ferries fighters fines firms fishermen fleet flights floods forces fraud freight frigates funds gold grants harbours helmets highways hostages housing hydrogen imports incentives infrastructure inspectors insurance investors journalists judges laboratories landmines lawmakers lawyers leases licences lithium loans lorries magistrates manufacturers medicines merchants metals migrants militias minerals ministers mortars navy nickel nurses observers officers oilfields operators orders parliament passports patents patrols payments peacekeepers pensioners permits petrol pilots pipelines planes police ports prisoners prosecutors protesters provinces railways raw reactors rebels recruits refineries reforms regulators reporters reservists rockets rubber sailors satellites savings scholarships scientists securities semiconductors settlers shares shipyards soldiers spare stockpiles students submarines subsidies suppliers surveillance tankers technicians telecoms textiles timber titanium tourists traders trainers transport treasury trucks tunnels turbines uranium vaccines vehicles villages voters warehouses warships water weapons wells wheat workers yachts zinc'.split(' ')])];
const VERBS = [...new Set([...VERBS_BASE, ...'acquire allocate announce approve auction authorise ban barter block boost borrow broker buy cancel confiscate convert deliver deploy divert donate embargo expand export extend finance forward freeze fund grant guarantee halt import invest lease lend license loan manufacture mortgage negotiate pledge procure promise purchase ration redirect refinance reroute resell restrict sanction seize sell ship smuggle sponsor stockpile subsidise supply suspend swap tax trade transfer transport underwrite withhold'.split(' ')])];
const ADJ = 'new secret large covert illegal modern cheap emergency military civilian foreign domestic regional national annual extra heavy'.split(' ');
const FILLER = 'the market opened higher on the news while analysts waited for more details about the plan ' +
  'officials met in the capital to discuss the weather season football schedule and a new museum exhibition ' +
  'residents said the local festival drew large crowds despite rain and traffic delays across the city center ' +
  'the company reported quarterly results that beat expectations as consumer spending remained steady through spring ' +
  'teachers and parents gathered at the town hall to debate the timetable for the coming school year';
const FILLER_WORDS = FILLER.split(' ');

/** Syllables of made-up proper names (projects, firms, ships, places): 16² + 16³ distinct names. */
const SYLLABLES = 'ka lo mi ra ven tor sel dan bri quo zel par nor fi gal ur'.split(' ');
const FRAME = 'pipeline project contract fund programme consortium scheme corridor facility fleet plant network venture initiative accord mission'.split(' ');

/** A made-up name, as distinctive as real claims' own names ("the Nord Stream pipeline"). */
function properName(r: () => number): string {
  const n = r() < 0.3 ? 2 : 3;
  let w = '';
  for (let i = 0; i < n; i++) w += pick(r, SYLLABLES);
  return w.charAt(0).toUpperCase() + w.slice(1);
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

export interface SynthOptions {
  claims: number;
  seed: number;
}

/** A synthetic dataset of `claims` claims (about one entity per 5 claims). */
export function synthDataset({ claims: n, seed }: SynthOptions): Dataset {
  const r = prng(seed);
  const entities: Entity[] = [];
  COUNTRY.forEach((name, i) => {
    entities.push({ id: `c-${name.toLowerCase()}`, kind: 'country', name, aliases: [{ name: CAPITAL[i]!, kind: 'metonym', source: null }], roles: [], memberOf: null });
  });
  const people = Math.max(10, Math.floor(n / 5));
  const used = new Set<string>();
  for (let i = 0; i < people; i++) {
    let name = `${pick(r, FIRST)} ${pick(r, LAST)}`;
    if (used.has(name)) name = `${name} ${String.fromCharCode(65 + (i % 26))}${i}`;
    used.add(name);
    const country = pick(r, COUNTRY);
    const id = `p-${i}`;
    const last = name.split(' ')[1]!;
    entities.push({
      id, kind: 'person', name,
      aliases: r() < 0.3 ? [{ name: `${name.split(' ')[0]} ${last.slice(0, 1)}${last.slice(2, 3)}${last.slice(1, 2)}${last.slice(3)}`, kind: 'spelling', source: 'synth-source' }] : [],
      roles: [{ title: pick(r, ROLE), organisation: `c-${country.toLowerCase()}`, asOf: '2023-01-01', source: 'synth-source' }],
      memberOf: `c-${country.toLowerCase()}`,
    });
  }
  const claims: Claim[] = [];
  const statements: Statement[] = [];
  for (let i = 0; i < n; i++) {
    const a = pick(r, COUNTRY);
    let b = pick(r, COUNTRY);
    if (b === a) b = COUNTRY[(COUNTRY.indexOf(a) + 1) % COUNTRY.length]!;
    const n1 = pick(r, NOUNS);
    const n2 = pick(r, NOUNS);
    const v = pick(r, VERBS);
    const org = pick(r, ORG);
    // Real claims name their own distinctive things (a project, a firm, a ship): each claim
    // gets a made-up name and a frame noun, so that a sentence reporting one claim matches
    // about one claim, as with real data, not dozens that share a template.
    const thing = `${properName(r)} ${pick(r, FRAME)}`;
    const year = 2015 + Math.floor(r() * 9);
    const templates = [
      () => `${a} ${pick(r, ['is preparing to', 'has agreed to', 'plans to', 'is expected to'])} ${v} ${pick(r, ADJ)} ${n1} to ${b} through the ${thing} in exchange for ${n2}.`,
      () => `${a} ${pick(r, ['has secretly', 'has', 'will'])} ${v} ${n1} ${pick(r, ['worth', 'amounting to'])} ${1 + Math.floor(r() * 900)} million dollars to ${b} under the ${thing}.`,
      () => `${b} ${pick(r, ['received', 'is seeking', 'asked for'])} ${pick(r, ADJ)} ${n1} and ${n2} from ${a} via the ${thing} ${pick(r, ['last year', 'this spring', 'since January', 'before the election'])}.`,
      () => `The ${org} of ${a} ${pick(r, ['accused', 'warned'])} ${b} of ${pick(r, ['hoarding', 'diverting', 'smuggling', 'stockpiling'])} ${n1} from the ${thing} ${pick(r, ['meant for', 'bought with'])} ${n2}.`,
      () => `The ${thing} ${pick(r, ['collapsed', 'was suspended', 'ran out of money', 'was cancelled'])} after ${a} ${pick(r, ['refused to', 'failed to', 'declined to'])} ${v} ${n1} to ${b} in ${year}.`,
      () => `Auditors found that ${n1} bought by the ${thing} in ${a} ${pick(r, ['were resold', 'ended up', 'were diverted'])} to ${b} ${pick(r, ['for', 'in return for'])} ${n2}.`,
      () => `${b} ${pick(r, ['banned', 'blocked', 'halted'])} ${n1} ${pick(r, ['imports', 'shipments', 'sales'])} from ${a} ${pick(r, ['over', 'because of', 'amid'])} a dispute about the ${thing} and ${n2}.`,
      () => `Investigators say the ${thing} ${pick(r, ['secretly', 'quietly', 'illegally'])} moved ${n1} from ${a} to ${b} ${pick(r, ['in', 'since'])} ${year}, paid for with ${n2}.`,
    ];
    const text = pick(r, templates)();
    const claim: Claim = {
      id: `claim-${i}`, text, topic: `topic-${i % 50}`, firstReported: '2023-03-30',
      entities: [`c-${a.toLowerCase()}`, `c-${b.toLowerCase()}`], relations: [],
    };
    if (r() < 0.5) claim.cues = [[thing.split(' ')[0]!], [n1, n2], [v, 'exchange', 'trade', thing.split(' ')[1]!]];
    claims.push(claim);
    if (r() < 0.5) {
      const speaker = `p-${Math.floor(r() * people)}`;
      statements.push({ id: `st-${i}`, claim: claim.id, source: 'synth-source', quote: text, speaker, stance: 'attributes', via: null, date: '2023-03-30', rating: null });
    }
  }
  const sources: Source[] = [{ id: 'synth-source', outlet: 'Synthetic Times', title: null, author: null, published: '2023-03-30', url: null, cites: [], text: null }];
  return { id: `synth-${n}-${seed}`, name: `Synthetic dataset (${n} claims, seed ${seed})`, version: '0.0.0', claims, entities, sources, statements };
}

/**
 * News-like page text of about `kb` kilobytes: paragraphs of ordinary sentences, with one
 * of the dataset's claims reported (attributed to a named person) about every 4 KB.
 */
export function synthPage(dataset: Dataset, kb: number, seed: number): string {
  const r = prng(seed);
  const target = kb * 1024;
  const people = dataset.entities.filter((e) => e.kind === 'person');
  const paras: string[] = [];
  let size = 0;
  let sinceClaim = 0;
  while (size < target) {
    const sentences: string[] = [];
    const count = 2 + Math.floor(r() * 4);
    for (let s = 0; s < count; s++) {
      if (sinceClaim > 4096 && dataset.claims.length > 0) {
        const c = pick(r, dataset.claims);
        const p = people.length ? pick(r, people).name : 'An official';
        sentences.push(`${p} said ${c.text.charAt(0).toLowerCase()}${c.text.slice(1)}`);
        sinceClaim = 0;
        continue;
      }
      const len = 12 + Math.floor(r() * 18);
      const words: string[] = [];
      for (let w = 0; w < len; w++) {
        const x = r();
        words.push(x < 0.03 ? pick(r, COUNTRY) : x < 0.08 ? pick(r, NOUNS) : x < 0.1 ? pick(r, VERBS) : pick(r, FILLER_WORDS));
      }
      const first = words[0]!;
      words[0] = first.charAt(0).toUpperCase() + first.slice(1);
      const sentence = words.join(' ') + '.';
      sentences.push(sentence);
      sinceClaim += sentence.length;
    }
    const para = sentences.join(' ');
    paras.push(para);
    size += para.length + 2;
  }
  return flat(paras.join('\n\n').slice(0, target));
}

/**
 * The same text as one flat string, as a real page's text arrives (decoded from bytes, or
 * deserialised from a message). The engine keeps a joined-then-sliced string as a view over a
 * larger buffer: every pass over it — the matcher's and the benchmark
 * floor's alike — ran 2–3× slower than over the same text read from a file.
 */
function flat(s: string): string {
  return new TextDecoder().decode(new TextEncoder().encode(s));
}
