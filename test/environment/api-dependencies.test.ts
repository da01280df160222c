import { TerraformStack, Testing } from 'cdktf';
import { EXAMPLE_STACKS } from '../../examples/stacks';
import { RESOURCE_APIS } from '../../lib/environment/api-dependencies';
import { TerraformJson } from '../helpers/synth';
import { referencedAddresses } from '../helpers/terraform-core';
import { declarations } from '../helpers/twins';

/**
 * Every resource waits for the APIs it calls: on a new project, a resource created before its API
 * is enabled fails the first apply (SERVICE_DISABLED). For every example, each resource and data
 * source must reach — through its references or `depends_on`, transitively — the
 * `google_project_service` of each API its type calls, and each of those APIs must be enabled.
 */

interface Node { readonly type: string; readonly body: any }

function graph(json: TerraformJson): Map<string, Node> {
  const blocks = declarations(json).filter((d) => d.type !== 'local');
  return new Map(blocks.map((d) => [d.address, { type: d.type.replace(/^data\./, ''), body: d.body }]));
}

/** The declared addresses a node refers to in its expressions (parsed as Terraform templates) and its `depends_on`. */
function edges(node: Node, declared: ReadonlySet<string>): string[] {
  return [...new Set(referencedAddresses(node.body))].filter((address) => declared.has(address));
}

function closure(start: string, nodes: Map<string, Node>, declared: ReadonlySet<string>, memo: Map<string, Set<string>>): Set<string> {
  const cached = memo.get(start);
  if (cached) return cached;
  const reached = new Set<string>();
  memo.set(start, reached);
  for (const next of edges(nodes.get(start)!, declared)) {
    reached.add(next);
    for (const further of closure(next, nodes, declared, memo)) reached.add(further);
  }
  return reached;
}

describe.each(Object.keys(EXAMPLE_STACKS))('example %s', (name) => {
  const stack = EXAMPLE_STACKS[name](Testing.app(), name);
  const json: TerraformJson = JSON.parse(Testing.synth(stack));
  const nodes = graph(json);
  const declared = new Set(nodes.keys());
  const services = new Map<string, string[]>();
  for (const [address, node] of nodes) {
    if (node.type === 'google_project_service') services.set(node.body.service, [...(services.get(node.body.service) ?? []), address]);
  }
  // A stack deployed after others (the add-ons and workloads stacks of a GKE example) finds the
  // APIs those stacks enabled: `cdktf deploy` applies them first.
  for (const earlier of stack.dependencies) {
    for (const [address, node] of graph(JSON.parse(Testing.synth(earlier as TerraformStack)))) {
      if (node.type === 'google_project_service') services.set(node.body.service, [...(services.get(node.body.service) ?? []), `${earlier.node.id}:${address}`]);
    }
  }

  test('every resource and data source type has a row in RESOURCE_APIS', () => {
    const types = [...new Set([...nodes.values()].map((n) => n.type))].sort();
    expect(types.filter((type) => !(type in RESOURCE_APIS))).toEqual([]);
  });

  test('every resource reaches the project service of each API its type calls', () => {
    const memo = new Map<string, Set<string>>();
    const missing: string[] = [];
    for (const [address, node] of nodes) {
      const reached = closure(address, nodes, declared, memo);
      for (const api of RESOURCE_APIS[node.type] ?? []) {
        const enabling = services.get(api) ?? [];
        if (enabling.length === 0) missing.push(`${address}: ${api} is not enabled by the stack`);
        else if (!enabling.some((service) => reached.has(service) || service.includes(':'))) missing.push(`${address}: does not wait for ${api}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
