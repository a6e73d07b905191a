/**
 * The small part of OData `$filter` that directory queries use: `startswith(prop,'lit')`,
 * `prop eq 'lit'`, `and`, `or` and parentheses. String literals escape `'` by doubling it.
 * Comparisons are case-insensitive, as in Entra ID. Anything else is a syntax error.
 */

export type FilterNode =
  | { kind: 'and'; left: FilterNode; right: FilterNode }
  | { kind: 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'startswith'; property: string; value: string }
  | { kind: 'eq'; property: string; value: string };

/** Thrown for a filter the grammar does not accept; `position` is 0-based in the filter text. */
export class FilterSyntaxError extends Error {
  constructor(
    readonly filter: string,
    readonly position: number,
  ) {
    super(`Invalid filter clause: Syntax error at position ${position} in '${filter}'.`);
    this.name = 'FilterSyntaxError';
  }
}

type Token =
  | { type: 'ident'; text: string; at: number }
  | { type: 'string'; value: string; at: number }
  | { type: 'number'; text: string; at: number }
  | { type: '(' | ')' | ','; at: number }
  | { type: 'end'; at: number };

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < filter.length) {
    const ch = filter[i] as string;
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ type: ch, at: i });
      i += 1;
    } else if (ch === "'") {
      const start = i;
      let value = '';
      i += 1;
      for (;;) {
        if (i >= filter.length) throw new FilterSyntaxError(filter, start);
        if (filter[i] === "'") {
          if (filter[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += filter[i];
        i += 1;
      }
      tokens.push({ type: 'string', value, at: start });
    } else if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_./]*/.exec(filter.slice(i)) as RegExpExecArray;
      tokens.push({ type: 'ident', text: match[0], at: i });
      i += match[0].length;
    } else if (/[0-9-]/.test(ch)) {
      const match = /^-?[0-9][0-9.]*/.exec(filter.slice(i));
      if (!match) throw new FilterSyntaxError(filter, i);
      tokens.push({ type: 'number', text: match[0], at: i });
      i += match[0].length;
    } else {
      throw new FilterSyntaxError(filter, i);
    }
  }
  tokens.push({ type: 'end', at: filter.length });
  return tokens;
}

class Parser {
  private index = 0;

  constructor(
    private readonly filter: string,
    private readonly tokens: Token[],
  ) {}

  parse(): FilterNode {
    const node = this.orExpr();
    this.expect('end');
    return node;
  }

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }

  private fail(token: Token = this.peek()): never {
    throw new FilterSyntaxError(this.filter, token.at);
  }

  private expect<T extends Token['type']>(type: T): Extract<Token, { type: T }> {
    const token = this.peek();
    if (token.type !== type) this.fail(token);
    this.index += 1;
    return token as Extract<Token, { type: T }>;
  }

  private isKeyword(word: string): boolean {
    const token = this.peek();
    return token.type === 'ident' && token.text.toLowerCase() === word;
  }

  private orExpr(): FilterNode {
    let left = this.andExpr();
    while (this.isKeyword('or')) {
      this.index += 1;
      left = { kind: 'or', left, right: this.andExpr() };
    }
    return left;
  }

  private andExpr(): FilterNode {
    let left = this.primary();
    while (this.isKeyword('and')) {
      this.index += 1;
      left = { kind: 'and', left, right: this.primary() };
    }
    return left;
  }

  private primary(): FilterNode {
    const token = this.peek();
    if (token.type === '(') {
      this.index += 1;
      const inner = this.orExpr();
      this.expect(')');
      return inner;
    }
    const name = this.expect('ident');
    if (this.peek().type === '(') {
      if (name.text.toLowerCase() !== 'startswith') this.fail(name);
      this.index += 1;
      const property = this.expect('ident').text;
      this.expect(',');
      const value = this.expect('string').value;
      this.expect(')');
      return { kind: 'startswith', property, value };
    }
    if (!this.isKeyword('eq')) this.fail();
    this.index += 1;
    const value = this.expect('string').value;
    return { kind: 'eq', property: name.text, value };
  }
}

/** Parse a `$filter` value (already URL-decoded). Throws FilterSyntaxError. */
export function parseFilter(filter: string): FilterNode {
  return new Parser(filter, tokenize(filter)).parse();
}

/** Every property the filter compares, in order of appearance. */
export function filterProperties(node: FilterNode): Array<{ property: string; operator: 'startswith' | 'eq' }> {
  if (node.kind === 'and' || node.kind === 'or') return [...filterProperties(node.left), ...filterProperties(node.right)];
  return [{ property: node.property, operator: node.kind }];
}

function readProperty(record: Readonly<Record<string, unknown>>, property: string): unknown {
  const wanted = property.toLowerCase();
  const key = Object.keys(record).find((k) => k.toLowerCase() === wanted);
  return key === undefined ? undefined : record[key];
}

/** Does the record match? Property names and values compare case-insensitively. */
export function matchesFilter(node: FilterNode, record: Readonly<Record<string, unknown>>): boolean {
  if (node.kind === 'and') return matchesFilter(node.left, record) && matchesFilter(node.right, record);
  if (node.kind === 'or') return matchesFilter(node.left, record) || matchesFilter(node.right, record);
  const actual = readProperty(record, node.property);
  if (typeof actual !== 'string') return false;
  const a = actual.toLowerCase();
  const v = node.value.toLowerCase();
  return node.kind === 'eq' ? a === v : a.startsWith(v);
}
