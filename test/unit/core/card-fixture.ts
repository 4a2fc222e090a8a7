/** A small hand-made dataset for the card tests (words from the seed articles only). */
import type { Dataset } from '../../../src/core/model.ts';

export function cardDataset(): Dataset {
  return {
    id: 'test',
    name: 'Card test data',
    version: '0.0.1',
    claims: [
      {
        id: 'food-for-weapons',
        text: 'Russia is offering North Korea food in exchange for weapons.',
        topic: 'russia-north-korea-arms',
        firstReported: '2023-03-30',
        entities: ['russia', 'north-korea', 'ashot-mkrtychev'],
        relations: [{ type: 'context-for', claim: 'nk-arms-to-russia' }],
      },
      {
        id: 'nk-arms-to-russia',
        text: 'North Korea has supplied arms to Russia.',
        topic: 'russia-north-korea-arms',
        firstReported: '2022-11',
        entities: ['north-korea', 'russia'],
        relations: [],
      },
      {
        id: 'lonely',
        text: 'A claim nobody reported.',
        topic: 't',
        firstReported: null,
        entities: [],
        relations: [{ type: 'contradicts', claim: 'food-for-weapons' }],
      },
    ],
    entities: [
      {
        id: 'john-kirby', kind: 'person', name: 'John Kirby', aliases: [{ name: 'Kirby', kind: 'short', source: null }],
        roles: [
          { title: 'Pentagon press secretary', organisation: 'us-dod', asOf: '2021-02-01', source: 'telegraph-2023-03-30' },
          { title: 'National Security Council spokesman', organisation: 'white-house', asOf: '2023-03-30', source: 'telegraph-2023-03-30' },
        ],
        memberOf: 'us-government',
      },
      { id: 'white-house', kind: 'organisation', name: 'White House', aliases: [], roles: [], memberOf: 'us-government' },
      { id: 'us-dod', kind: 'organisation', name: 'US Department of Defense', aliases: [], roles: [], memberOf: 'us-government' },
      { id: 'us-government', kind: 'organisation', name: 'US government', aliases: [], roles: [], memberOf: null },
      { id: 'russia', kind: 'country', name: 'Russia', aliases: [], roles: [], memberOf: null },
      { id: 'north-korea', kind: 'country', name: 'North Korea', aliases: [{ name: 'Pyongyang', kind: 'metonym', source: null }], roles: [], memberOf: null },
      {
        id: 'ashot-mkrtychev', kind: 'person', name: 'Ashot Mkrtychev',
        aliases: [
          { name: 'Ashot Mkrytchev', kind: 'spelling', source: 'latinpost-2023-03-30' },
          { name: 'Myrtychev', kind: 'spelling', source: 'telegraph-2023-03-30' },
        ],
        roles: [{ title: 'arms dealer', organisation: null, asOf: '2023-03-30', source: 'us-treasury-2023-03-30' }],
        memberOf: null,
      },
    ],
    sources: [
      { id: 'latinpost-2023-03-30', outlet: 'Latin Post', title: 'White House: Russia Offering Food for North Korea Weapons', author: 'Mary Webber', published: '2023-03-30', url: 'https://latinpost.com/articles/159274/20230330/white-house-russia-offering-food-north-korea-weapons.htm', cites: ['apnews-2023-03-30'], text: null },
      { id: 'telegraph-2023-03-30', outlet: 'The Telegraph', title: 'Russia to trade food for North Korean weapons to fight war in Ukraine', author: null, published: '2023-03-30', url: null, cites: [], text: null },
      { id: 'apnews-2023-03-30', outlet: 'Associated Press News', title: null, author: null, published: null, url: null, cites: [], text: null },
      { id: 'us-treasury-2023-03-30', outlet: 'US Treasury', title: null, author: null, published: '2023-03-30', url: 'javascript:alert(1)', cites: [], text: null },
    ],
    statements: [
      { id: 's1', claim: 'food-for-weapons', source: 'telegraph-2023-03-30', quote: 'We also understand that Russia is seeking to send a delegation to North Korea and that Russia is offering North Korea food in exchange for munitions.', speaker: 'john-kirby', stance: 'attributes', via: null, date: '2023-03-30', rating: null },
      { id: 's2', claim: 'food-for-weapons', source: 'latinpost-2023-03-30', quote: 'Russia and North Korea are entering a new deal with the former asking the East Asian country for North Korea weapons in exchange for food supplies from their end, according to the White House.', speaker: null, stance: 'asserts', via: 'apnews-2023-03-30', date: null, rating: null },
      { id: 's3', claim: 'food-for-weapons', source: 'latinpost-2023-03-30', quote: 'Russia would then receive more than two dozen kinds of weapons and ammunition from North Korea', speaker: 'john-kirby', stance: 'attributes', via: null, date: '2023-03-30', rating: null },
      { id: 's4', claim: 'nk-arms-to-russia', source: 'telegraph-2023-03-30', quote: 'Pyongyang has denied the charges.', speaker: 'north-korea', stance: 'denies', via: null, date: '2023-03-30', rating: null },
      { id: 's5', claim: 'nk-arms-to-russia', source: 'telegraph-2023-03-30', quote: 'It later said North Korea had delivered arms to Russia’s private military group Wagner.', speaker: null, stance: 'asserts', via: null, date: '2023-03-30', rating: null },
      { id: 's6', claim: 'sanctions', source: 'us-treasury-2023-03-30', quote: 'Treasury sanctions Ashot Mkrtychev', speaker: null, stance: 'asserts', via: null, date: '2023-03-30', rating: null },
      { id: 's7', claim: 'sanctions', source: 'telegraph-2023-03-30', quote: 'the US Treasury blacklisted Slovakian Ashot Myrtychev', speaker: null, stance: 'asserts', via: null, date: '2023-03-30', rating: null },
    ],
  };
}
