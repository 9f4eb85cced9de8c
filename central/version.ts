/** The central API's version, reported in /openapi.json; follows package.json. */
export const CENTRAL_VERSION = '0.1.0';
