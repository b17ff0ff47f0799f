// French sentiment lexicon for customer service, written for Relais (scores -4…+4, AFINN scale).
// One group per score; "_" joins the words of a phrase. Keys are folded (accents, case) at load
// time, and inflected forms are found by dropping a final "s" then "e" (déçues → déçu).

export const FR_LEXICON_GROUPS: Readonly<Record<number, string>> = {
  4: `génialissime merveilleux merveilleuse exceptionnel exceptionnelle extraordinaire sublime
    parfait parfaite parfaitement impeccable irréprochable exemplaire bluffé bluffée
    rien_à_redire rien_a_dire coup_de_cœur trop_bien au_top je_recommande merci_beaucoup
    grand_merci mille_mercis félicitations les_meilleurs le_meilleur la_meilleure bonheur`,
  3: `excellent excellente génial géniale adore adorer adoré magnifique formidable fantastique
    top ravi ravie enchanté enchantée nickel fan incroyable super_contente super_content
    meilleur meilleure sauvé sauvée adorable plaisir je_valide recommande recommander
    merveille délicieux délicieuse superbe`,
  2: `super cool content contente satisfait satisfaite heureux heureuse merci remercie
    remercier remerciements bravo chapeau aime aimer agréable sympa sympathique gentil gentille
    gentillesse efficace réactif réactive réactivité beau belle joli jolie chouette soigné
    aimable apprécié appréciée apprécie pas_mal bien_joué rassuré rassurée génie ravissant
    qualité_au_rendez_vous solide pratique confortable douceur classe bien_emballé conforme
    rapide rapidement résolu réglé top_qualité problème_réglé problème_résolu`,
  1: `bien bon bonne correct correcte facile simple utile doux douce patient patiente
    professionnel professionnelle pro serviable clair claire sérieux sérieuse
    d_accord fonctionnel joie espoir remboursé remboursée`,
  0: `merci_d_avance merci_par_avance merci_de_me merci_de_nous merci_de_bien merci_de_vérifier par_défaut
    merci_de_faire merci_de_répondre merci_de_corriger merci_de_rembourser merci_de_renvoyer
    je_vous_remercie_par_avance question besoin aimerais voudrais souhaiterais serait_top
    serait_génial serait_super serait_bien serait_cool serait_pratique serait_chouette
    serait_parfait serait_parfaite serait_utile serait_dingue serait_sympa ferait_un_carton`,
  [-1]: `souci bof moyen moyenne dommage hélas malheureusement vide rayé rayée rayure rayures
    tordu tordue mouillé mouillée trempé trempée faux fausse blague inconnu inconnue
    compliqué compliquée sérieusement suspendu suspendue refusé refusée débité débitée
    prélevé prélevée plante bizarre étrange limite long longue cher chère trop_cher
    réclamation n'arrive_pas_à n'arrive_plus_à toujours_pas toujours_rien jamais_eu encore_un encore_une`,
  [-2]: `problème problèmes galère galérer galère bug bugue buggé panne en_panne défaut cassé
    cassée casse brisé brisée fissuré fissurée fêlé fêlée fendu fendue abîmé abîmée endommagé
    endommagée écrasé écrasée cabossé cabossée déchiré déchirée ébréché ébréchée éclaté éclatée
    défoncé défoncée enfoncé enfoncée retard retards en_retard retardé retardée lent lente
    lenteur perdu perdue perte disparu disparue volatilisé manquant manquante manque erreur
    erroné erronée impossible inutile grave plainte pénible triste mauvais mauvaise mal
    médiocre abusé abusée abus bloqué bloquée incompréhensible inquiet inquiète inquiétant
    frustré frustrée frustrant frustrante casse_tête interminable attente attendre j_attends
    j_attends_toujours toujours_en_attente aucune_nouvelle aucun_retour sans_nouvelles
    annulé mécontent_de pire_que fuite fuit fuité grésille surchauffe fume brûlé
    obsolescence piraté hacké intrus cher_payé perdre_patience pas_sérieux pas_normal c_est_long
    trop_long trop_lent sans_explication personne_ne_répond à_peine pas_moyen`,
  [-3]: `nul nulle nuls ridicule déçu déçue décevant décevante déception mécontent mécontente
    insatisfait insatisfaite pourri pourrie pire catastrophe affreux affreuse honte dégoûté
    dégoûtée colère énervé énervée marre ras_le_bol pitoyable minable camelote chiant chiante
    saoulant soûlant insupportable enfer cauchemar inutilisable dangereux dangereuse
    défectueux défectueuse menteur menteurs mensonge mensonger trompeur trompeuse mépris
    incompétent incompétents incompétence n_importe_quoi quelle_blague une_blague plus_jamais
    jamais_plus vous_moquez moquez fichez foutez foutre se_foutre volé volée vol voleurs
    mauvaise_foi c_est_abusé merci_pour_rien merci_du_cadeau quelle_honte sans_réponse
    obsolescence_programmée galère_totale`,
  [-4]: `inadmissible inacceptable scandaleux scandaleuse scandale honteux honteuse arnaque
    arnaqué arnaquée arnaqueurs escroquerie escrocs escroc lamentable déplorable
    catastrophique horrible dégueulasse merde de_merde à_chier chier foutage_de_gueule
    furieux furieuse le_pire la_pire immonde nul_à_chier vous_vous_foutez_de_nous
    on_se_fout_de_nous du_vol c_est_du_vol`,
};

/**
 * Words worth nothing alone that turn negative when negated: "jamais reçu", "ne marche pas",
 * "aucune réponse", "toujours pas livré".
 */
export const FR_NEGATIVE_WHEN_NEGATED = `reçu reçue reçus reçues livré livrée livrés arrivé
  arrivée arrivés arrivées marche marchent fonctionne fonctionnent répondu réponse réponses répond
  nouvelles nouvelle remboursé remboursée remboursement allume démarre charge reconnu
  expédié expédiée bougé suivi aide aidé possible`;
