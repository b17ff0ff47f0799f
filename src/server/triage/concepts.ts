import { words } from "./text.ts";

// Keyword priors shared by French and English: words that point to one topic map to one
// concept feature ("k:damage" for cassé, broken, fissuré, cracked…), so that a French example
// teaches the English side too. Entries are folded word prefixes; "=word" matches exactly and
// "=two_words" (up to three) an exact sequence. Besides topics, some concepts mark what tells
// close categories apart: "compat" (works with, compatible avec, fits) and "device" (phones,
// OS, consoles, cars, connectors) for compatibility; "onset" (stopped, anymore, since the
// update, ne … plus) for a malfunction rather than a question of use; "business" (we are an
// agency, reseller, SEO offers) for solicitations filed under other.

const CONCEPT_LISTS: Readonly<Record<string, string>> = {
  parcel: "colis paquet carton =box boite envoi shipment package parcel",
  late: `=where_is_my =where_s_my =ou_est_mon =ou_est_ma =ou_en_est =any_news =des_nouvelles bientot soon supposed devait cense promis promised window creneau retard late delay attend attente waiting =wait toujours still encore =yet repouss report
    pushed postpon reschedul transit estim prevu expected =eta quand =when lent slow semaine
    week =jours =days =mois month depuis since ship expedi dispatch processing preparation`,
  delivered: `livre livrai deliver distribu remis signe signed depos dropped statut status
    indique says marked marque photo proof`,
  missing: `absent without =sans =rest reste localis locate fantome ghost someone quelqu manqu missing perdu =lost disparu vanish volatilis vide empty introuvable nowhere
    =vole stolen jamais never rien nothing seulement only =au_lieu instead voisin neighbo
    adresse address wrong mauvaise other autre`,
  damage: `cass broke bris shatter fissur crack =fele fendu split ecras crush abim damag endommag
    cabos dent rayur =raye scratch dechir torn tear mouill =wet tremp soak leak fuit fuite
    ebrech chip morceau pieces miette crumb =bent tordu warp plie emball packag eventr smash
    =etat condition fondu melt tache stain`,
  fit: `rentre adapt convien =suit =suits =suited suitable taille =size sizes pointure dimension
    petit small grand large =big wide court short =tight serre etroit narrow long =match
    correspond universel universal =need besoin monte mount attach =fix pouce inch =cm =mm`,
  compat: `compatib incompatib =fit fits =works_with =work_with =working_with =worked_with
    =marche_avec =marchera_avec =fonctionne_avec =fonctionnera_avec =fonctionnent_avec =va_avec
    =ira_avec =goes_with =go_with =support =supports =supported =prend_en_charge =reconnu
    recognis recogniz =fonctionnera =marchera =will_it =ok_for =ok_pour
    version modele model reference`,
  device: `=mac macbook macos imac windows =win10 =win11 linux ubuntu chromebook android =ios ipados
    iphone ipad airpods =watch galaxy samsung pixel xiaomi huawei oneplus oppo motorola
    =switch nintendo =ps4 =ps5 playstation xbox =steam alexa =echo =homekit =siri chromecast
    =google_home =apple_watch garmin fitbit kindle nespresso =dolce =senseo tassimo delonghi
    dyson thermomix =dell lenovo thinkpad =hp epson =canon nikon =sony brother bosch philips
    =golf =clio =polo peugeot renault citroen tesla =bmw =audi toyota volkswagen =vw ford
    =usb =usbc =usb_c lightning hdmi =port bluetooth =wifi =5g =4g firmware`,
  malfunction: `lache undone defait coupe cuts refroidi cooling chauff heat voyant =led =son sound audio =mic micro marche fonctionn =work works working allum =power charg batter ecran screen
    =bug bugs plant crash freez fige erreur error panne defect defaut faulty redemarr reboot
    surchauff overheat bruit noise =stop stopped arret =mort dead died =hs grill burnt brul
    eteint shut clignot blink flicker gresill crackl drift deconnect disconnect drop`,
  onset: `anymore =no_longer =stopped stopping =quit =died =suddenly =of_a_sudden randomly
    =out_of_nowhere =since_the_update =after_the_update =worked_fine =used_to =was_working
    =worked_until =keeps =keep =now =soudain soudainement =d_un_coup =jour_au_lendemain
    aleatoire =depuis_la_mise =apres_la_mise =marchait =fonctionnait =au_bout =apres_quelques
    =plus_rien =marche_plus =marche_pu =fonctionne_plus =allume_plus =charge_plus =demarre_plus
    =repond_plus =tient_plus =connecte_plus =lache =lachee =a_lache =a_lachee =maintenant`,
  usage: `comprend understand figure astuce tips galer struggl compliqu complicated difficil difficult comment =how tuto notice manual instruction regl =set adjust configur setup install
    appair =pair utilis =use explain expliqu etape step programme program bouton button
    activ enable desactiv disable reset reinitialis aide help montage assembl monter`,
  suggestion: `serait would pourri could devri should suggest idee idea ajout =add propos offer
    option fonctionnalit feature amelior improve pensez consider =love =aimerais prevoy plans
    =why pourquoi mettez allow permett`,
  marketing: `=pub pubs =ad =ads advert campagn campaign collab partenari partner sponsor
    influenc youtub tiktok insta pinterest twitch streamer concours giveaway contest reseau
    social marque brand ambassad newsletter visibilit exposure awareness hashtag salon booth
    =fair festival affich billboard poster =spot_radio =radio_spot =tv_ad =tv_ads =pub_tele
    =a_la_tele cinema goodies merch parrain referral fidelit loyalty =promo =black_friday
    edition limited collector podcast evenement event =pop_up popup =live_shopping communiqu
    unboxing buzz =image_de_marque =brand_image notoriet ateliers workshop tournee marketing
    publicit =com slogan jingle mascot =reels =reel =story stories ugc affili viral tendance
    trend flyer prospectus catalogue snapchat linkedin celebrit egerie cibl audience followers
    =abonnes communaute community photoshoot shooting =bouche_a_oreille =word_of_mouth`,
  money: `factur invoice =bill billed billing rembours refund paiement =pay paid payment prix
    price debit charged =charge preleve prelev carte card abonnement subscription membership
    euro dollar =tva =vat =tax frais fees =fee avoir credit voucher coupon montant amount
    argent money =cent centime essai trial renouvel renew paypal virement transfer =code
    promo reduction discount cheque tarif remise`,
  account: `compte account connexion connect login =log sign password =mot_de_passe identifiant
    username credential mail email profil profile 2fa authentif authentic verification =sms
    desinscri unsubscribe desabonn donnees =data rgpd gdpr supprim delete pirat hack bloque
    locked suspend reinitialis inscription signup pseudo adresse address carnet`,
  praise: `surpris pleasant shoutout obsess accommodat =kind helpful aimable gentil sympa exemplair exemplary soign merci thank bravo super genial =top parfait perfect excellent adore =love recommand
    recommend ravi happy content satisf pleased qualit quality rapide fast quick meilleur best
    impeccable flawless chapeau kudos fan nickel magnifique gorgeous sublime superbe amazing
    awesome great formidable plaisir pleasure enfin finally bonheur joy`,
  other: `vente =sale horaire hours ouvert =open magasin store shop boutique recrut hiring =job stage
    internship =cv candidatur apply journalist press presse stock disponible available
    fabriqu made origine source vegan gluten allerg nuts cruelty ecolog recycl sustainab rse
    =numero_de_telephone =numero_de_tel =phone_number =telephone_number =vous_appeler =call_you
    contact postal siret registration agence agency wholesale gros visite visit =ferme =closed
    ferie emploi postul alternance apprenti interview reportage article media blog =siege
    headquart showroom`,
  business: `=je_represente =i_represent =nous_sommes =we_are =notre_societe =notre_entreprise
    =our_company =our_agency startup =b2b devis =quote =proposition_commerciale =proposal
    revendeu reseller retailer distributeur distributor fournisseu supplier grossiste
    =seo backlink referencement crypto bitcoin invest casino =loan =pret cliquez =click_here
    =dear_sir madam prestataire freelance`,
};

function buildIndex(): { prefixes: Map<string, string[]>; exact: Map<string, string[]> } {
  const prefixes = new Map<string, string[]>();
  const exact = new Map<string, string[]>();
  for (const [concept, list] of Object.entries(CONCEPT_LISTS)) {
    for (const entry of list.split(/\s+/)) {
      if (entry.length === 0) continue;
      const target = entry.startsWith("=") ? exact : prefixes;
      const key = entry.replace(/^=/, "").replace(/_/g, " ");
      target.set(key, [...(target.get(key) ?? []), concept]);
    }
  }
  return { prefixes, exact };
}

const INDEX = buildIndex();
const MAX_PREFIX = Math.max(...[...INDEX.prefixes.keys()].map((key) => key.length));

const NO_LONGER = ["onset"];

/** Concept features of a message: "k:<concept>" for every concept one of its words points to. */
export function conceptFeatures(text: string): string[] {
  const found = new Set<string>();
  const tokens = words(text);
  const add = (concepts: readonly string[] | undefined) => {
    for (const concept of concepts ?? []) found.add(`k:${concept}`);
  };
  tokens.forEach((word, i) => {
    add(INDEX.exact.get(word));
    // "ne s'allume plus", "n'en veut plus": something that used to work and no longer does.
    if (word === "plus" && (tokens[i - 2] === "ne" || tokens[i - 3] === "ne")) add(NO_LONGER);
    const next = tokens[i + 1];
    const next2 = tokens[i + 2];
    if (next) add(INDEX.exact.get(`${word} ${next}`));
    if (next && next2) add(INDEX.exact.get(`${word} ${next} ${next2}`));
    for (let length = Math.min(word.length, MAX_PREFIX); length >= 3; length -= 1) {
      const concepts = INDEX.prefixes.get(word.slice(0, length));
      if (concepts) {
        add(concepts);
        break;
      }
    }
  });
  return [...found];
}
