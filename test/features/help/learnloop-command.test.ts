import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HELP_TOPICS, LEARNLOOP_SUBCOMMANDS } from '../../../src/features/help/rules';
import { startTestApp, type TestApp } from '../../support/test-app';

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

  it('lists every subcommand, settings included, and how to get help on one', async () => {
    const response = await app.command('/learnloop', 'help');
    const sections = response.body.blocks.filter((b: any) => String(b.block_id).startsWith('help_commands')).map((b: any) => b.text.text as string);
    expect(sections).toHaveLength(2);
    const help = sections.join('\n');
    for (const sub of LEARNLOOP_SUBCOMMANDS) expect(help).toContain(`/learnloop ${sub}`);
    for (const section of sections) expect(section.length).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(response.body.blocks)).toContain('/learnloop help COMMAND');
  });

  it.each(['help prompts', 'prompts help', 'HELP prompts', 'help /learnloop prompts'])('answers "%s" with every form of /learnloop prompts and examples', async (text) => {
    const response = await app.command('/learnloop', text);
    expect(response.body.response_type).toBe('ephemeral');
    expect(response.body.blocks.some((b: any) => b.block_id === 'help_commands')).toBe(false);
    const forms = response.body.blocks.find((b: any) => b.block_id === 'help_topic').text.text as string;
    for (const form of ['/learnloop prompts`', 'prompts add', 'prompts list', 'pause ID', 'resume ID', 'remove ID', 'nudge ID', 'prompts now', 'prompts history', 'skip FROM..TO', 'skip list', 'skip remove ID']) {
      expect(forms).toContain(form);
    }
    const examples = response.body.blocks.find((b: any) => b.block_id === 'help_examples').text.text as string;
    expect(examples).toContain('/learnloop prompts add weekly friday 3pm');
    expect(response.body.text).toContain('/learnloop prompts add');
  });

  it('answers `help review` with /review and its list and close forms', async () => {
    const response = await app.command('/learnloop', 'help review');
    const forms = response.body.blocks.find((b: any) => b.block_id === 'help_topic').text.text as string;
    for (const form of ['/review TITLE', '/review list', '/review close']) expect(forms).toContain(form);
  });

  it.each(HELP_TOPICS.map((topic) => [topic]))('has help for %s with its forms and at least one example, each block within Slack\'s limit', async (topic) => {
    const response = await app.command('/learnloop', `help ${topic}`);
    const forms = response.body.blocks.find((b: any) => b.block_id === 'help_topic').text.text as string;
    const examples = response.body.blocks.find((b: any) => b.block_id === 'help_examples').text.text as string;
    expect(forms).toContain(`/${topic === 'learned' || topic === 'feedback' || topic === 'review' ? topic : `learnloop ${topic}`}`);
    expect(examples).toMatch(/`\/\S+/);
    for (const block of response.body.blocks) expect((block.text?.text ?? '').length).toBeLessThanOrEqual(3000);
  });

  it('suggests the closest help topic for a typo after help', async () => {
    const response = await app.command('/learnloop', 'help promts');
    expect(response.body.text).toContain('I have no help on `promts`. Did you mean `/learnloop help prompts`?');
    expect(response.body.blocks.some((b: any) => b.block_id === 'help_commands')).toBe(true);
  });

  it.each([
    ['review list', '`/review list`'],
    ['review close', '`/review close`'],
    ['feedback <@U0BOB> Nice demo', '`/feedback <@U0BOB> Nice demo`'],
    ['learned Small PRs get reviewed faster', '`/learned Small PRs get reviewed faster`'],
  ])('points `/learnloop %s` to its own command', async (text, pointer) => {
    const response = await app.command('/learnloop', text);
    expect(response.body.response_type).toBe('ephemeral');
    expect(response.body.text).toContain(pointer);
    expect(response.body.text).toContain('is a command of its own');
    expect(response.body.text).not.toContain("I don't know");
  });

  it.each([
    ['/review', 'help', '/review TITLE'],
    ['/review', '--help', '/review TITLE'],
    ['/learned', 'help', '/learned TEXT'],
    ['/feedback', '?', '/feedback @person TEXT'],
  ])('answers `%s %s` with its help instead of taking "help" as a title, a learning or a person', async (command, text, form) => {
    const posts = app.slack.callsTo('chat.postMessage').length;
    const response = await app.command(command, text);
    expect(response.body.response_type).toBe('ephemeral');
    expect(response.body.blocks.find((b: any) => b.block_id === 'help_topic').text.text).toContain(form);
    expect(app.slack.callsTo('chat.postMessage')).toHaveLength(posts);
    expect(await app.db.selectFrom('review').select('id').execute()).toHaveLength(0);
    expect(await app.db.selectFrom('learning').select('id').execute()).toHaveLength(0);
  });

  it("lists every subcommand in the manifest's usage hint for /learnloop", () => {
    const manifest = readFileSync(join(__dirname, '../../../manifest.yml'), 'utf8');
    const hint = /- command: \/learnloop\n(?:\s+\w+:.*\n)*?\s+usage_hint: "([^"]*)"/.exec(manifest)?.[1] ?? '';
    const listed = hint.split('|').map((word) => word.trim());
    expect([...listed].sort()).toEqual([...LEARNLOOP_SUBCOMMANDS].sort());
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
