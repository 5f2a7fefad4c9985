export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const SERVICE_DESCRIPTOR = Symbol('SERVICE_DESCRIPTOR');
export const LOGGER = Symbol('LOGGER');
