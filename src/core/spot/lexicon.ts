/**
 * General English knowledge the matcher uses: stop words, irregular verb forms, synonym
 * groups, reporting / denial / doubt cues, and common metonyms and demonyms of countries.
 * Everything here is general vocabulary, written from dictionaries and common usage; nothing
 * is taken from any particular article.
 */

/** Function words and reporting filler: never part of a claim's signature. */
export const STOP_WORDS = new Set(
  (
    'a an the and or but nor so yet of to in on at by for from with without into onto upon about as than then ' +
    'that this these those there here which who whom whose what when where why how whether if while though although ' +
    'is are was were be been being am do does did doing done have has had having will would shall should can could ' +
    'may might must it its it\'s they them their theirs he him his she her hers we us our you your i me my ' +
    'not no also just only even still very more most less much many some any all each every other another such ' +
    'own same both either neither one ones up down out off over under again further once after before since until ' +
    'during between among against through across per via amid its said say says saying told tell tells telling ' +
    'according accord added add adds stated state states claimed claim claims reportedly report reported reports ' +
    'new latest recent recently earlier later last previously already now today yesterday week weeks month months ' +
    'year years monday tuesday wednesday thursday friday saturday sunday mr mrs ms dr part being way make made ' +
    'would-be well like including include includes included around nearly almost approximately roughly'
  ).split(/\s+/),
);

/** Irregular forms, mapped to their base before stemming. */
export const IRREGULAR: Record<string, string> = {
  sought: 'seek', sold: 'sell', sent: 'send', gave: 'give', given: 'give', got: 'get', gotten: 'get', bought: 'buy',
  held: 'hold', dealt: 'deal', told: 'tell', said: 'say', paid: 'pay', took: 'take', taken: 'take', broke: 'break',
  broken: 'break', knew: 'know', known: 'know', thought: 'think', fought: 'fight', lost: 'lose', led: 'lead',
  met: 'meet', spoke: 'speak', became: 'become', came: 'come', went: 'go', gone: 'go', ran: 'run', children: 'child',
  men: 'man', women: 'woman', people: 'person', shipped: 'ship', shipping: 'ship', ships: 'ship', arms: 'arm',
  weapons: 'weapon', supplies: 'supply', supplied: 'supply', supplying: 'supply', famine: 'famine',
  drew: 'draw', drawn: 'draw', hid: 'hide', hidden: 'hide', stole: 'steal', stolen: 'steal', flew: 'fly', flown: 'fly',
  won: 'win', struck: 'strike', spent: 'spend', brought: 'bring', kept: 'keep', left: 'leave', dying: 'die', died: 'die',
};

/**
 * Synonym groups: words that report the same event concept in news text. The first word
 * names the concept. Inflections are handled by stemming, so base forms suffice.
 */
export const SYNONYMS: readonly string[][] = [
  ['weapon', 'arm', 'munition', 'ammunition', 'ammo', 'armament', 'weaponry', 'ordnance', 'materiel'],
  ['shell', 'artillery', 'howitzer'],
  ['equipment', 'hardware', 'gear', 'vehicle', 'tank'],
  ['food', 'grain', 'wheat', 'rice', 'foodstuff', 'provision', 'flour', 'crop', 'meal'],
  ['exchange', 'return', 'trade', 'swap', 'barter', 'payment', 'repay', 'reciprocate'],
  ['offer', 'propose', 'proffer', 'proposal', 'pledge', 'promise'],
  ['seek', 'ask', 'request', 'want', 'demand', 'solicit', 'pursue', 'procure', 'acquire', 'obtain', 'buy', 'purchase', 'source'],
  ['supply', 'provide', 'send', 'ship', 'deliver', 'sell', 'give', 'transfer', 'furnish', 'export', 'funnel', 'shipment', 'delivery', 'sale'],
  ['receive', 'get', 'gain', 'import', 'accept'],
  ['delegation', 'envoy', 'delegate', 'emissary', 'mission'],
  ['sanction', 'blacklist', 'designate', 'penalize', 'penalise', 'penalty', 'designation', 'freeze', 'punish'],
  ['deal', 'agreement', 'arrangement', 'pact', 'transaction', 'accord', 'bargain', 'contract'],
  ['broker', 'arrange', 'organise', 'organize', 'facilitate', 'orchestrate', 'negotiate', 'mediate', 'coordinate', 'middleman', 'intermediary'],
  ['violate', 'breach', 'contravene', 'flout', 'infringe', 'violation', 'defy', 'break'],
  ['resolution', 'resolutions'],
  ['detain', 'arrest', 'jail', 'imprison', 'custody', 'detention', 'apprehend', 'prison', 'incarcerate'],
  ['spy', 'espionage', 'spying'],
  ['journalist', 'reporter', 'correspondent', 'newsman', 'newswoman'],
  ['shortage', 'scarcity', 'lack', 'insecurity', 'famine', 'starvation', 'hunger', 'starve', 'malnutrition', 'hungry'],
  ['desperate', 'desperation', 'despair', 'desperately'],
  ['kind', 'type', 'sort', 'variety', 'category'],
  ['cash', 'money', 'fund', 'currency', 'payment'],
  ['aircraft', 'plane', 'airplane', 'jet', 'airliner'],
  ['drone', 'uav'],
  ['covert', 'covertly', 'secret', 'secretly', 'clandestine', 'clandestinely', 'hidden', 'disguise', 'conceal'],
  ['consider', 'weigh', 'mull', 'contemplate', 'plan'],
  ['kill', 'die', 'dead', 'death', 'fatality', 'slain'],
  ['injure', 'wound', 'hurt', 'injury'],
  ['child', 'kid', 'minor', 'youngster'],
  ['deport', 'deportation', 'abduct', 'relocate', 'adopt', 'adoption', 'remove', 'forcibly'],
  ['evidence', 'intelligence', 'information', 'proof'],
  ['war', 'conflict', 'invasion', 'invade', 'fighting', 'offensive'],
  ['military', 'army', 'troops', 'force', 'armed'],
  ['mercenary', 'paramilitary'],
  ['commodity', 'material', 'good', 'raw'],
  ['crisis', 'collapse', 'hardship', 'turmoil'],
  ['isolation', 'isolate', 'isolated'],
  ['rogue', 'pariah'],
  ['genocide', 'extermination'],
  ['shortly', 'soon'],
  ['condemn', 'slam', 'denounce', 'criticise', 'criticize', 'decry', 'deplore'],
  ['expand', 'deepen', 'strengthen', 'boost', 'bolster', 'broaden'],
  ['tie', 'relation', 'relationship', 'cooperation', 'partnership'],
  ['lose', 'destroy', 'loss'],
  ['replace', 'replenish', 'restock', 'refill'],
  ['concern', 'worry', 'fear', 'alarm'],
];

/** Words that report someone asserting something (the sentence then `attributes`). */
export const ATTRIBUTION_CUES = new Set([
  'say', 'said', 'says', 'saying', 'tell', 'told', 'tells', 'add', 'added', 'adds', 'according', 'accuse', 'accused',
  'accuses', 'accusing', 'accusation', 'claim', 'claimed', 'claims', 'claiming', 'allege', 'alleged', 'alleges',
  'allegedly', 'state', 'stated', 'states', 'announce', 'announced', 'announces', 'report', 'reported', 'reports',
  'reportedly', 'warn', 'warned', 'warns', 'note', 'noted', 'notes', 'cite', 'cited', 'believe', 'believes',
  'believed', 'assert', 'asserted', 'asserts', 'insist', 'insisted', 'maintain', 'maintained', 'charge', 'charged',
  'suggest', 'suggested', 'suggests', 'indicate', 'indicated', 'indicating', 'show', 'showed', 'shows', 'reveal',
  'revealed', 'reveals', 'disclose', 'disclosed', 'confirm', 'confirmed', 'understand', 'understands', 'explain',
  'explained', 'write', 'wrote', 'tweet', 'tweeted', 'argue', 'argued', 'estimate', 'estimated', 'concluded',
]);

/** Words that report a denial (the sentence then `denies`). */
export const DENIAL_CUES = new Set([
  'deny', 'denied', 'denies', 'denying', 'denial', 'denials', 'reject', 'rejected', 'rejects', 'rejecting',
  'dismiss', 'dismissed', 'dismisses', 'dismissing', 'refute', 'refuted', 'refutes', 'rebuff', 'rebuffed',
  'repudiate', 'repudiated', 'baseless', 'groundless', 'unfounded', 'fabricated', 'fabrication', 'slander',
  'nonsense', 'untrue', 'false', 'rumour', 'rumor', 'smear',
]);

/** Two-word rebuttals that reject an accusation without a denial verb. */
export const REBUTTAL_PHRASES: ReadonlyArray<readonly [string, string]> = [
  ['pointing', 'fingers'], ['point', 'fingers'], ['shifting', 'blame'], ['shift', 'blame'], ['never', 'accept'],
  ['smear', 'campaign'], ['no', 'truth'], ['not', 'true'], ['totally', 'false'], ['completely', 'false'],
];

/** Words that report doubt (the sentence then `questions`). */
export const DOUBT_CUES = new Set([
  'question', 'questioned', 'questions', 'questioning', 'doubt', 'doubted', 'doubts', 'dispute', 'disputed',
  'disputes', 'skeptical', 'sceptical', 'contest', 'contested', 'challenge', 'challenged', 'unverified', 'unproven',
]);

/**
 * Nouns that refer back to claims reported just before ("denied the charges").
 */
export const CLAIM_ANAPHORS = new Set([
  'charge', 'charges', 'claim', 'claims', 'allegation', 'allegations', 'accusation', 'accusations', 'report',
  'reports', 'assertion', 'assertions', 'it', 'them', 'this', 'that', 'suggestion', 'suggestions', 'story', 'stories',
]);

/** Function words between a denial verb and its anaphor ("denied all such US claims"). */
export const ANAPHOR_DETERMINERS = new Set(['the', 'these', 'those', 'such', 'all', 'any', 'its', 'their', 'this', 'that', 'us', 'american', 'western', 'previous', 'earlier', 'both']);

/**
 * Common metonyms and demonyms of countries and governments, keyed by a name the dataset
 * uses for the entity (canonical or alias, lowercase). Added as aliases of that entity.
 */
export const COUNTRY_ALIASES: Record<string, string[]> = {
  'north korea': ['Pyongyang', 'DPRK', "Democratic People's Republic of Korea", 'North Korean', 'North Koreans', 'N. Korea', 'N Korea'],
  russia: ['Moscow', 'Kremlin', 'the Kremlin', 'Russian', 'Russians', 'Russian Federation'],
  china: ['Beijing', 'Chinese', "People's Republic of China", 'PRC'],
  'united states': ['Washington', 'US', 'U.S.', 'USA', 'America', 'American', 'Americans', 'United States'],
  us: ['Washington', 'U.S.', 'USA', 'America', 'American', 'United States'],
  'us government': ['Washington', 'White House', 'the administration', 'Biden administration', 'US', 'U.S.', 'United States', 'American officials', 'US officials'],
  ukraine: ['Kyiv', 'Kiev', 'Ukrainian', 'Ukrainians'],
  iran: ['Tehran', 'Iranian', 'Islamic Republic'],
  slovakia: ['Bratislava', 'Slovak', 'Slovakian'],
  'united kingdom': ['London', 'UK', 'U.K.', 'Britain', 'British', 'Downing Street'],
  'european union': ['EU', 'Brussels'],
  'united nations': ['UN', 'U.N.'],
};
