let namespaces = 0;

/** A namespace no other test used: fresh tables and containers on a shared Azurite. */
export function freshNamespace(): string {
  namespaces += 1;
  return `t${process.pid}n${namespaces}`;
}
