/** The action_ids, block_ids and callback_ids this feature owns. */
export const ids = {
  growth: {
    listBlock: 'growth_competency_list',
    personBlockPrefix: 'growth_person_',
    teamBlockPrefix: 'growth_team_',
    gapsBlock: 'growth_team_gaps',
    goalsBlock: 'growth_goals',
    /** "I've reached it" on an open goal (value: the goal's id). */
    goalReached: 'growth_goal_reached',
    /** The confirmation request to a mentor or the chosen person, and its button (value: the goal's id). */
    confirmBlock: 'growth_confirm_request',
    confirm: 'growth_goal_confirm',
    /** Suggested mentors for a new goal, each with a button that asks them (value: mentor id + goal id). */
    suggestionsBlock: 'growth_suggestions',
    askMentor: 'growth_ask_mentor',
    /** The goal form. */
    goalView: 'growth_goal_form',
    goalCompetencyBlock: 'growth_goal_competency',
    goalCompetencyInput: 'growth_goal_competency_input',
    goalLevelBlock: 'growth_goal_level',
    goalLevelInput: 'growth_goal_level_input',
    goalDueBlock: 'growth_goal_due',
    goalDueInput: 'growth_goal_due_input',
    goalConfirmerBlock: 'growth_goal_confirmer',
    goalConfirmerInput: 'growth_goal_confirmer_input',
    /** The competency form (admins). */
    competencyView: 'growth_competency_form',
    competencyNameBlock: 'growth_competency_name',
    competencyNameInput: 'growth_competency_name_input',
    competencyTagsBlock: 'growth_competency_tags',
    competencyTagsInput: 'growth_competency_tags_input',
    competencyDescriptionBlock: 'growth_competency_description',
    competencyDescriptionInput: 'growth_competency_description_input',
    /** The optional "Competency" picker other features' forms carry. */
    pickBlock: 'growth_competency_pick',
    pickInput: 'growth_competency_pick_input',
    homeBlock: 'growth_home',
  },
} as const;
