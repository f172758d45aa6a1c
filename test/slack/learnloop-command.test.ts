import { startTestApp, type TestApp } from '../support/test-app';

const sectionText = (blocks: any[]): string => blocks.map((b) => b.text?.text ?? '').join('\n');

describe('/learnloop', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it.each(['help', '', '  HELP  '])('answers "%s" with the ephemeral help within 3 s', async (text) => {
    const response = await app.command('/learnloop', text);
    expect(response.status).toBe(200);
    expect(response.elapsedMs).toBeLessThan(3_000);
    expect(response.body.response_type).toBe('ephemeral');
    const help = response.body.blocks.find((b: any) => b.block_id === 'help_commands');
    for (const command of ['/learnloop prompts', '/learned', '/feedback', '/review', '/learnloop search']) {
      expect(help.text.text).toContain(command);
    }
    expect(help.text.text).toContain('e.g.');
  });

  it('suggests the closest subcommand for a typo', async () => {
    const response = await app.command('/learnloop', 'promts list');
    expect(response.body.response_type).toBe('ephemeral');
    expect(response.body.text).toContain('Did you mean `/learnloop prompts`?');
    expect(response.body.blocks.some((b: any) => b.block_id === 'help_commands')).toBe(true);
  });

  it('never echoes a broadcast mention from an unknown subcommand', async () => {
    const response = await app.command('/learnloop', '<!channel> hello');
    expect(sectionText(response.body.blocks)).not.toContain('<!channel>');
    expect(response.body.text).not.toContain('<!channel>');
  });
});
