type Token = { kind: 'lexeme'; value: string; plain: boolean } | { kind: 'op'; value: string };

/** Splits PostgreSQL's text form of a tsquery into quoted lexemes and operators. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ') {
      i += 1;
    } else if (c === "'") {
      let value = '';
      let plain = true;
      i += 1;
      while (i < text.length) {
        if (text[i] === "'" && text[i + 1] === "'") {
          value += "'";
          plain = false;
          i += 2;
        } else if (text[i] === '\\') {
          value += text[i + 1] ?? '';
          plain = false;
          i += 2;
        } else if (text[i] === "'") {
          i += 1;
          break;
        } else {
          value += text[i];
          i += 1;
        }
      }
      // A weight or prefix mark (`:*`, `:AB`) changes what the lexeme matches.
      if (text[i] === ':') {
        plain = false;
        while (i < text.length && text[i] !== ' ' && text[i] !== ')') i += 1;
      }
      tokens.push({ kind: 'lexeme', value, plain });
    } else {
      const op = /^(<->|<\d+>|[&|!()])/.exec(text.slice(i))?.[0] ?? c;
      tokens.push({ kind: 'op', value: op });
      i += op.length;
    }
  }
  return tokens;
}

/**
 * The adjacent lexeme pairs a search must contain, read from PostgreSQL's text form of its tsquery
 * (`'featur' <-> 'flag' & 'rollout'`). Only for queries that are all AND: under OR or NOT a pair is
 * not required, so none is returned and the search runs without the pair filter. Phrases with a gap
 * (`<2>`, a stop word in the middle) give no pair for that gap; escaped or marked lexemes give none.
 */
export function requiredPhrasePairs(tsqueryText: string): string[] {
  const tokens = tokenize(tsqueryText);
  if (tokens.some((t) => t.kind === 'op' && (t.value === '|' || t.value === '!'))) return [];
  const pairs = new Set<string>();
  for (let i = 0; i + 2 < tokens.length; i += 1) {
    const [left, op, right] = [tokens[i]!, tokens[i + 1]!, tokens[i + 2]!];
    if (left.kind === 'lexeme' && right.kind === 'lexeme' && op.kind === 'op' && op.value === '<->' && left.plain && right.plain) {
      pairs.add(`${left.value} ${right.value}`);
    }
  }
  return [...pairs].sort();
}
