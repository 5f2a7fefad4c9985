// Validates every manifest under deploy/k8s against the Kubernetes schemas bundled in kubernetes-models (offline: no
// cluster is reachable from CI), and checks what every service must have: probes on /ready and /health, resource
// requests, a migration Job, its container port matching the service's port, its replicas spread over nodes and a
// disruption budget that lets a drain take one of them at a time.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const dir = join(root, 'deploy', 'k8s');
const MODELS = { ConfigMap, Secret, Service, Deployment, Job, PodDisruptionBudget };
const PORTS = {
  'customer-svc': 3001,
  'sales-svc': 3002,
  'contract-svc': 3003,
  'claims-svc': 3004,
  'compliance-svc': 3005,
  'analytics-svc': 3006,
};
const problems = [];
const seen = [];

for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()) {
  for (const doc of parseAllDocuments(readFileSync(join(dir, file), 'utf8'))) {
    if (doc.errors.length) problems.push(`${file}: ${doc.errors[0].message}`);
    const obj = doc.toJSON();
    if (!obj) continue;
    const Model = MODELS[obj.kind];
    if (!Model) {
      problems.push(`${file}: no schema for kind ${obj.kind}`);
      continue;
    }
    try {
      new Model(obj).validate();
    } catch (err) {
      problems.push(`${file}: ${obj.kind} ${obj.metadata?.name}: ${err.message}`);
    }
    seen.push({ file, obj });
  }
}

for (const [name, port] of Object.entries(PORTS)) {
  const deployment = seen.find((s) => s.obj.kind === 'Deployment' && s.obj.metadata.name === name)?.obj;
  const job = seen.find((s) => s.obj.kind === 'Job' && s.obj.metadata.name === `${name}-migrate`)?.obj;
  const service = seen.find((s) => s.obj.kind === 'Service' && s.obj.metadata.name === name)?.obj;
  const budget = seen.find((s) => s.obj.kind === 'PodDisruptionBudget' && s.obj.metadata.name === name)?.obj;
  if (!deployment || !job || !service || !budget) {
    problems.push(`${name}: needs a Deployment, a Service, a PodDisruptionBudget and a ${name}-migrate Job`);
    continue;
  }
  const pods = deployment.spec.template.metadata.labels;
  const selects = (selector) =>
    Object.entries(selector?.matchLabels ?? {}).every(([key, value]) => pods?.[key] === value) &&
    Object.keys(selector?.matchLabels ?? {}).length > 0;
  if (!selects(budget.spec.selector))
    problems.push(`${name}: the PodDisruptionBudget must select the service's pods`);
  if (budget.spec.maxUnavailable !== 1 || deployment.spec.replicas < 2) {
    problems.push(`${name}: two replicas or more, and a budget of one unavailable at a time`);
  }
  const spread = deployment.spec.template.spec.topologySpreadConstraints ?? [];
  if (!spread.some((c) => c.topologyKey === 'kubernetes.io/hostname' && selects(c.labelSelector))) {
    problems.push(`${name}: the replicas must be spread over nodes (topologySpreadConstraints by hostname)`);
  }
  const c = deployment.spec.template.spec.containers[0];
  if (c.readinessProbe?.httpGet?.path !== '/ready') problems.push(`${name}: readiness probe must GET /ready`);
  if (c.livenessProbe?.httpGet?.path !== '/health') problems.push(`${name}: liveness probe must GET /health`);
  if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory)
    problems.push(`${name}: resource requests missing`);
  if (c.ports?.[0]?.containerPort !== port) problems.push(`${name}: container port must be ${port}`);
  if (!job.spec.template.spec.containers[0].command.join(' ').includes(`dist/apps/${name}/src/migrate.js`)) {
    problems.push(`${name}: the Job must run the service's migrate.js`);
  }
}

if (problems.length) {
  console.error(`deploy/k8s: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`deploy/k8s: ${seen.length} manifests valid against the Kubernetes schemas`);
