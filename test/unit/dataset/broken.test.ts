/**
 * Each broken fixture gets exactly the error it deserves: its text, file, line, column and field.
 */
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/dataset/issues.ts';
import { validateDatasetFiles } from '../../../src/dataset/load.ts';
import { parseDatasetText } from '../../../src/dataset/parse.ts';
import { validateDataset } from '../../../src/dataset/validate.ts';

const DIR = 'test/fixtures/dataset/broken';

describe('broken dataset files', () => {
  it('the valid base validates', () => {
    const result = validateDatasetFiles(['test/fixtures/dataset/valid.yaml']);
    expect(result.errors.map(formatIssue)).toEqual([]);
    expect(result.dataset?.statements[0]).toEqual({
      id: 'gazette-bike-lanes', claim: 'bike-lanes-approved', source: 'example-gazette', quote: 'The council approved the new lanes on Tuesday, Roe said.',
      speaker: 'jane-roe', stance: 'attributes', via: null, date: '2024-05-01', rating: null,
    });
  });

  it.each([
    ['unknown-entity', ['33:14 statements[0].speaker: unknown entity "jane-rose" (did you mean "jane-roe"?)']],
    ['duplicate-id', [`29:9 claims[1].id: duplicate id "bike-lanes-approved" (first defined at ${DIR}/duplicate-id.yaml:24:9)`]],
    ['non-verbatim-quote', ['36:12 statements[0].quote: quote is not verbatim in the text of source "example-gazette"; it departs from the text at character 39: …"ed the new lanes on Wednesday,"']],
    ['bad-date', ['27:20 claims[0].firstReported: not a valid date: "2024-02-30" (use YYYY-MM-DD, or YYYY-MM when the day is unknown)']],
    ['javascript-url', [
      '13:10 sources[0].url: URL must be http(s), not "javascript:"',
      '13:10 sources[0].url: "javascript:alert(1)" disagrees with the header of "texts/gazette.txt" (url: https://example.org/gazette/bike-lanes)',
    ]],
    ['missing-field', ['24:5 claims[0].text: required field is missing']],
    ['wrong-type', ['20:14 entities[0].aliases: expected array, got string "Roe"']],
    ['unknown-field', ['33:5 statements[0].speakr: unknown field "speakr" (did you mean "speaker"?)']],
    ['bad-stance', ['34:13 statements[0].stance: must be one of asserts, attributes, denies, disputes, confirms, rates; got string "attribute" (did you mean "attributes"?)']],
    ['via-not-cited', ['41:10 statements[0].via: source "example-gazette" does not cite "example-wire" (add it to that source\'s cites)']],
    ['yaml-syntax', ['30:1 (yaml): Flow sequence in block collection must be sufficiently indented and end with a ]']],
  ])('%s', (name, expected) => {
    const file = `${DIR}/${name}.yaml`;
    const result = validateDatasetFiles([file]);
    expect(result.dataset).toBeNull();
    expect(result.errors.map(formatIssue)).toEqual(expected.map((e) => `${file}:${e}`));
  });

  it('checks files together: ids and names must be unique across files', () => {
    const a = `${DIR}/bad-date.yaml`;
    const b = `${DIR}/unknown-entity.yaml`;
    const lines = validateDatasetFiles([a, b]).errors.map(formatIssue);
    expect(lines).toContain(`${b}:3:3 dataset: a second "dataset:" header (the first is at ${a}:3:3)`);
    expect(lines).toContain(`${b}:24:9 claims[0].id: duplicate id "bike-lanes-approved" (first defined at ${a}:24:9)`);
    // The speaker typo in b is still reported (jane-roe exists, in a).
    expect(lines).toContain(`${b}:33:14 statements[0].speaker: unknown entity "jane-rose" (did you mean "jane-roe"?)`);
  });
});

describe('validateDataset (no files, e.g. in the browser)', () => {
  const minimal = {
    dataset: { id: 'mem', name: 'In memory', version: '1.0.0' },
    sources: [{ id: 'src', outlet: 'Example', author: null, published: '2024-01', url: 'http://example.org/a', text: 'never-read.txt' }],
    claims: [{ id: 'c', text: 'Something happened.', topic: 't' }],
    statements: [{ id: 's', claim: 'c', source: 'src', quote: 'It happened.', stance: 'asserts' }],
  };

  it('validates an object and fills the defaults', () => {
    const { dataset, errors } = validateDataset(minimal);
    expect(errors).toEqual([]);
    expect(dataset?.claims[0]).toEqual({ id: 'c', text: 'Something happened.', topic: 't', firstReported: null, entities: [], relations: [] });
    expect(dataset?.sources[0]?.cites).toEqual([]);
  });

  it('reports without positions when it has none, with them when given a locator', () => {
    const bad = { ...minimal, statements: [{ ...minimal.statements[0], quote: '   ', speaker: 'nobody' }] };
    expect(validateDataset(bad).errors.map(formatIssue)).toEqual([
      '<input> statements[0].quote: must not be empty',
    ]);
    const text = JSON.stringify(bad, null, 2);
    const parsed = parseDatasetText(text, 'import.json');
    const lines = validateDataset(parsed.value, { file: 'import.json', locate: parsed.locate }).errors.map(formatIssue);
    expect(lines).toEqual([`import.json:${text.split('\n').findIndex((l) => l.includes('"quote"')) + 1}:16 statements[0].quote: must not be empty`]);
  });

  it('needs a speaker for a denial, a rating for a verdict, and slug ids', () => {
    const bad = {
      ...minimal,
      claims: [{ id: 'Bad_Id', text: 'x', topic: 't' }],
      statements: [
        { id: 's1', claim: 'Bad_Id', source: 'src', quote: 'q', stance: 'denies' },
        { id: 's2', claim: 'Bad_Id', source: 'src', quote: 'q', stance: 'rates' },
      ],
    };
    expect(validateDataset(bad).errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'claims[0].id: id must be a lowercase slug (a-z, 0-9, single hyphens), got "Bad_Id"',
      'statements[0].speaker: a "denies" statement needs a speaker (who denies it)',
      'statements[1].rating: a "rates" statement needs the rating text',
    ]);
  });
});
