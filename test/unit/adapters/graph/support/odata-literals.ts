/** The literals and the surrounding operator text of an OData expression, read as a server would. */
export function splitLiterals(expression: string): { literals: string[]; outside: string } {
  const literals: string[] = [];
  let outside = '';
  let i = 0;
  while (i < expression.length) {
    if (expression[i] !== "'") {
      outside += expression[i];
      i++;
      continue;
    }
    let literal = '';
    i++;
    for (;;) {
      if (i >= expression.length) throw new Error(`unterminated literal in ${expression}`);
      if (expression[i] === "'" && expression[i + 1] === "'") {
        literal += "'";
        i += 2;
      } else if (expression[i] === "'") {
        i++;
        break;
      } else {
        literal += expression[i];
        i++;
      }
    }
    literals.push(literal);
    outside += '?';
  }
  return { literals, outside };
}
