import { expect, meta, recordTargetVersion, test } from '../harness';

/**
 * The version of GWS: GET /api/v2/diagnostics/version, called without credentials as the page does.
 * https://docs.genesys.com/Documentation/HTCC/latest/API/InterpretingaResponse
 * The version goes into the report's environment (scripts/conformance.ts reads it from this test).
 */

test(
  'GET /api/v2/diagnostics/version answers statusCode 0 and a version',
  meta({ id: 'platform.version', page: 'platform.version', requirements: ['VERSION-REPLY'] }),
  async ({ http }) => {
    const reply = await http.anonymous().get('/diagnostics/version');
    expect(reply.json).toMatchSchema('replies/version-reply');
    const { version } = reply.json as { version: string };
    await recordTargetVersion(version);
  },
);
