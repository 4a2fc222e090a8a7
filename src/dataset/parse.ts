/**
 * Parses a dataset file's text (YAML, which includes JSON) into plain data plus a locator
 * that maps a field path back to its line and column. Pure: no file system, so the options
 * page can run it on an imported file in the browser.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { DatasetIssue, PathSegment } from './issues.ts';

export interface Position {
  line: number;
  col: number;
}

/**
 * Where a path is in the file. With `key`, the position of the map key rather than its value
 * (used for unknown fields). A path that does not exist (a missing field) resolves to its
 * nearest existing ancestor.
 */
export type Locate = (path: readonly PathSegment[], key?: boolean) => Position | null;

export interface ParsedFile {
  file: string;
  /** The document as plain data; undefined when the text does not parse. */
  value: unknown;
  locate: Locate;
  /** YAML syntax errors (the value is unusable when there are any). */
  errors: DatasetIssue[];
}

export function parseDatasetText(text: string, file: string): ParsedFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => lineCounter.linePos(offset);

  const locate: Locate = (path, key = false) => {
    let node: unknown = doc.contents;
    let best: Position | null = node && (node as YamlNode).range ? at((node as YamlNode).range![0]) : null;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
        if (!pair) return best;
        const keyNode = pair.key as YamlNode | null;
        const valueNode = pair.value as YamlNode | null;
        if (last && key && keyNode?.range) return at(keyNode.range[0]);
        if (valueNode?.range) best = at(valueNode.range[0]);
        else if (keyNode?.range) best = at(keyNode.range[0]);
        node = valueNode;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as YamlNode | undefined;
        if (!item) return best;
        if (item.range) best = at(item.range[0]);
        node = item;
      } else {
        return best;
      }
    }
    return best;
  };

  const errors: DatasetIssue[] = doc.errors.map((e) => {
    const pos = at(e.pos[0]);
    return { file, line: pos.line, col: pos.col, path: '(yaml)', message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') };
  });
  return { file, value: errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 }), locate, errors };
}
