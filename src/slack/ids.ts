/** Every action_id, block_id and callback_id Learnloop uses, by feature. */
export const ids = {
  help: {
    block: 'help_commands',
  },
  home: {
    view: 'home_view',
  },
} as const;
