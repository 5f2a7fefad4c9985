/**
 * The development defaults that `npm start`, the tests and the demo share. Never used in production: a deployment
 * sets JWT_PUBLIC_KEY (or its own JWT_SECRET) and the service refuses to start without one.
 */
export const LOCAL_JWT_SECRET = 'local-development-secret-not-for-production';

export const SERVICES = [
  { name: 'customer-svc', port: 3001 },
  { name: 'sales-svc', port: 3002 },
  { name: 'contract-svc', port: 3003 },
  { name: 'claims-svc', port: 3004 },
  { name: 'compliance-svc', port: 3005 },
  { name: 'analytics-svc', port: 3006 },
] as const;
