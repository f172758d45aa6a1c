/** The action_ids, block_ids and callback_ids this feature owns. */
export const ids = {
  pulse: {
    inviteBlock: 'pulse_invite',
    answerButton: 'pulse_answer_open',
    answerView: 'pulse_answer',
    /** One input block per statement: `pulse_statement_0` … `pulse_statement_6`. */
    statementBlockPrefix: 'pulse_statement_',
    scoreInput: 'pulse_score',
    freeTextBlock: 'pulse_free_text', freeTextInput: 'pulse_free_text_input',
    questionsView: 'pulse_questions',
    questionsBlock: 'pulse_questions_text', questionsInput: 'pulse_questions_input',
    resultsBlock: 'pulse_results',
    trendBlock: 'pulse_trend',
    lowestBlock: 'pulse_lowest',
    freeTextsBlock: 'pulse_free_texts',
    /** The App Home's "Team pulse" section: one block per open pulse waiting for the person. */
    homeBlockPrefix: 'pulse_home_',
  },
} as const;
