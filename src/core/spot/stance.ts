/**
 * How a sentence stands to what it reports, and who speaks: "Kirby said …" → attributes,
 * John Kirby; "Pyongyang has denied the charges" → denies, North Korea, with an anaphor
 * ("the charges") that points back to the claims reported just before; "cast doubt" →
 * questions; otherwise the outlet asserts it.
 */
import type { PageStance } from '../model.ts';
import type { Token } from '../text/tokenize.ts';
import type { EntityMention } from './entities.ts';
import { ANAPHOR_DETERMINERS, ATTRIBUTION_CUES, CLAIM_ANAPHORS, DENIAL_CUES, DOUBT_CUES, REBUTTAL_PHRASES } from './lexicon.ts';

/** First words of the rebuttal idioms (most tokens start none). */
const REBUTTAL_FIRST = new Set(REBUTTAL_PHRASES.map(([a]) => a));

export interface SentenceStance {
  stance: PageStance;
  /** Entity index of the speaker, or -1. */
  speakerEntity: number;
  /** The speaker's name as written, when not a known entity. */
  speakerName: string | null;
  /** Token index of the cue word, or -1. */
  cue: number;
  /** Token index of the end of an anaphor that stands for earlier claims ("the charges"), or -1. */
  anaphorEnd: number;
  /** A rebuttal idiom ("pointing fingers", "shifting blame") made it a denial. */
  rebuttal: boolean;
  /** The speaker is "he" / "we" resolved to the previous speaker, not named here. */
  speakerResolved: boolean;
}

const PRONOUNS = new Set(['he', 'she', 'they', 'it']);
const FIRST_PERSON = new Set(['we', 'i']);
/** Negations that turn reported speech into a denial ("he does not deal arms"). */
export const NEGATIONS = new Set(['not', 'never', "doesn't", "didn't", "don't", "isn't", "wasn't", "hasn't", "haven't", "hadn't", "won't", 'cannot', "can't", 'nor']);
/** Words that may sit between a speaker and a reporting verb ("Kirby has also said"). */
const AUX = new Set(['has', 'have', 'had', 'also', 'later', 'previously', 'earlier', 'again', 'was', 'were', 'is', 'are', 'had', 'once', 'repeatedly', 'strongly', 'flatly', 'firmly', 'vehemently', 'swiftly', 'quickly', 'publicly', 'officially', 'always', 'consistently', 'however', 'then', 'further', 'would', 'will', 'did', 'does', 'not']);

function mentionEndingBefore(mentions: readonly EntityMention[], idx: number, maxGap: number, tokens: readonly Token[], text: string): EntityMention | null {
  let best: EntityMention | null = null;
  for (const m of mentions) {
    if (m.last >= idx) continue;
    if (idx - m.last - 1 > maxGap) continue;
    // Only auxiliaries, titles or a comma clause may sit between; keep the nearest mention.
    if (!best || m.last > best.last) best = m;
  }
  if (best) {
    const between = tokens.slice(best.last + 1, idx);
    // "James Cleverly, the Foreign Secretary, has said": an apposition between commas is fine.
    const apposition = idx > best.last + 1 && /^\s*,/.test(text.slice(tokens[best.last]!.end, tokens[best.last + 1]!.start));
    if (!apposition && between.some((t) => !AUX.has(t.norm) && !t.cap) && idx - best.last - 1 > 3) return null;
  }
  return best;
}

/** A run of capitalised words (a name) ending right before token `idx`, as written. */
function nameRunBefore(tokens: readonly Token[], idx: number, text: string): string | null {
  let j = idx - 1;
  while (j >= 0 && AUX.has(tokens[j]!.norm)) j--;
  const end = j;
  while (j >= 0 && tokens[j]!.cap && !tokens[j]!.upper) j--;
  const first = j + 1;
  if (end - first + 1 >= 2) return text.slice(tokens[first]!.start, tokens[end]!.end);
  return null;
}

function nameRunAfter(tokens: readonly Token[], idx: number, text: string): string | null {
  let j = idx + 1;
  const first = j;
  while (j < tokens.length && tokens[j]!.cap && !tokens[j]!.upper) j++;
  if (j - first >= 2) return text.slice(tokens[first]!.start, tokens[j - 1]!.end);
  return null;
}

/** Index of the first token after the closing quote of a sentence that opens with a quote, or -1. */
function closingQuoteToken(tokens: readonly Token[], text: string): number {
  if (tokens.length === 0) return -1;
  const lead = text.slice(Math.max(0, tokens[0]!.start - 2), tokens[0]!.start);
  if (!/["“‘']/.test(lead)) return -1;
  for (let i = 1; i < tokens.length; i++) {
    if (/[”"]/.test(text.slice(tokens[i - 1]!.end, tokens[i]!.start))) return i;
  }
  return -1;
}

/** In a sentence that opens with a quote, the reporting verb after the quote ("…,” X said"), or -1. */
function quotedThenSaid(tokens: readonly Token[], text: string): number {
  const after = closingQuoteToken(tokens, text);
  if (after < 0) return -1;
  for (let i = after; i < tokens.length; i++) if (ATTRIBUTION_CUES.has(tokens[i]!.norm)) return i;
  return -1;
}

/**
 * Token spans [from, to) of non-restrictive relative clauses (", which …," / ", who …,"):
 * what they say is background, not what the main verb reports.
 */
export function relativeClauses(tokens: readonly Token[], text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const commaBefore = (i: number): boolean => i > 0 && text.slice(tokens[i - 1]!.end, tokens[i]!.start).includes(',');
  for (let i = 1; i < tokens.length; i++) {
    const n = tokens[i]!.norm;
    if ((n === 'which' || n === 'who') && commaBefore(i)) {
      let j = i + 1;
      while (j < tokens.length && !commaBefore(j)) j++;
      if (j < tokens.length) out.push([i, j]);
      i = j;
    }
  }
  return out;
}

/**
 * The stance of one sentence. `previousSpeaker` resolves "He added …" to the last named speaker
 * (called only then: finding that speaker may mean reading sentences before, see Matcher.spot).
 */
export function sentenceStance(
  tokens: readonly Token[],
  text: string,
  mentions: readonly EntityMention[],
  previousSpeaker: () => { entity: number; name: string | null } | null,
): SentenceStance {
  let denial = -1;
  let rebuttal = false;
  let doubt = -1;
  let attribution = -1;
  for (let i = 0; i < tokens.length; i++) {
    const n = tokens[i]!.norm;
    const next = tokens[i + 1]?.norm;
    if (denial < 0 && next !== undefined && REBUTTAL_FIRST.has(n) && REBUTTAL_PHRASES.some(([a, b]) => a === n && b === next)) {
      denial = i;
      rebuttal = true;
    } else if (denial < 0 && DENIAL_CUES.has(n)) denial = i;
    else if (doubt < 0 && (DOUBT_CUES.has(n) || (n === 'cast' && tokens[i + 1]?.norm === 'doubt'))) doubt = i;
    else if (attribution < 0 && ATTRIBUTION_CUES.has(n)) attribution = i;
  }
  // Quoted speech with a colon ("He added: “…”") is attributed even without a listed verb.
  let stance: PageStance = 'asserts';
  let cue = -1;
  if (denial >= 0) {
    stance = 'denies';
    cue = denial;
  } else if (doubt >= 0) {
    stance = 'questions';
    cue = doubt;
  } else if (attribution >= 0) {
    stance = 'attributes';
    cue = attribution;
  }
  let speakerEntity = -1;
  let speakerName: string | null = null;
  let anaphorEnd = -1;
  let speakerResolved = false;
  if (cue >= 0) {
    const cueNorm = tokens[cue]!.norm;
    const after = (): EntityMention | null => mentions.find((m) => m.first > cue && m.first - cue <= 8) ?? null;
    let m: EntityMention | null = null;
    let j = cue - 1;
    while (j >= 0 && AUX.has(tokens[j]!.norm)) j--;
    const pronounSubject = j >= 0 && PRONOUNS.has(tokens[j]!.norm) && stance === 'attributes';
    // "“We urge …”": a quote in the first person continues the last named speaker.
    const firstPerson = FIRST_PERSON.has(tokens[0]?.norm ?? '') && /^\s*["“‘']/.test(text.slice(Math.max(0, tokens[0]!.start - 2), tokens[0]!.start + 1));
    if (pronounSubject || firstPerson) {
      // "He added: …", "it said …": the last named speaker.
      const previous = previousSpeaker();
      if (previous) {
        speakerEntity = previous.entity;
        speakerName = previous.name;
        speakerResolved = true;
      }
    } else if (cueNorm === 'according') {
      m = after();
      if (!m) speakerName = nameRunAfter(tokens, cue + 1, text);
    } else if ((stance === 'denies' || stance === 'questions') && quotedThenSaid(tokens, text) >= 0) {
      // "“… groundless rumours …,” North Korea's foreign ministry said": the speaker is
      // the one named around the reporting verb after the quote.
      const said = quotedThenSaid(tokens, text);
      const close = closingQuoteToken(tokens, text);
      m = mentions.find((x) => x.first >= close && x.last < said) ?? mentions.find((x) => x.first > said && x.first - said <= 8) ?? null;
      if (!m) speakerName = nameRunBefore(tokens, said, text) ?? nameRunAfter(tokens, said, text);
    } else if ((stance === 'denies' || stance === 'questions') && attribution >= 0 && attribution < cue && mentionEndingBefore(mentions, attribution, 8, tokens, text)) {
      // "Wang Wenbin said China will never accept …": the one who says it.
      m = mentionEndingBefore(mentions, attribution, 8, tokens, text);
    } else if (stance === 'denies' || stance === 'questions') {
      // The subject: the first name in the sentence before the verb, else "… by X".
      m = mentions.find((x) => x.last < cue) ?? null;
      if (!m && tokens[cue + 1]?.norm === 'by') m = after();
    } else if (cue > 0 && /[,”"’]/.test(text.slice(tokens[cue - 1]!.end, tokens[cue]!.start))) {
      // "“…,” said John Kirby": the speaker follows the verb.
      m = after();
      if (!m) speakerName = nameRunAfter(tokens, cue, text);
    } else {
      m = mentionEndingBefore(mentions, cue, 8, tokens, text);
      if (!m) speakerName = nameRunBefore(tokens, cue, text);
      if (!m && !speakerName) {
        m = after();
        if (!m) speakerName = nameRunAfter(tokens, cue, text);
      }
    }
    if (m) speakerEntity = m.entity;
    if (stance === 'denies') {
      for (let k = cue + 1; k < tokens.length && k <= cue + 5; k++) {
        const n = tokens[k]!.norm;
        if (CLAIM_ANAPHORS.has(n)) {
          anaphorEnd = k;
          break;
        }
        if (!ANAPHOR_DETERMINERS.has(n) && !mentions.some((x) => x.first <= k && k <= x.last)) break;
      }
    }
  }
  return { stance, speakerEntity, speakerName, cue, anaphorEnd, rebuttal, speakerResolved };
}
