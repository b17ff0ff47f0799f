// Word lists that drive the sentiment rules (folded forms, see text.ts).

const set = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter(Boolean));

/** Negate the polar word that follows within three words: "pas content", "not happy". */
export const NEGATORS = set(`ne pas jamais rien aucun aucune sans ni guere nullement
  not no never without nothing nobody none neither nor nowhere zero cannot dont doesnt didnt
  isnt wasnt arent werent wont cant couldnt shouldnt wouldnt havent hasnt hadnt aint`);

/** Negate the word just before, in spoken French without "ne": "ça marche pas", "reçu rien". */
export const POST_NEGATORS = set("pas plus jamais rien point");

/** Strengthen the polar word that follows: "très déçu", "really happy". */
export const INTENSIFIERS = set(`tres vraiment trop super hyper ultra tellement si vachement
  completement totalement absolument extremement particulierement franchement carrement
  archi mega grave really very so too extremely totally absolutely completely utterly
  incredibly truly highly deeply bloody damn way such most real hella soo sooo soooo`);

/** Soften the polar word that follows: "un peu déçu", "slightly disappointed". */
export const DIMINISHERS = set(`peu plutot assez legerement moyennement slightly somewhat
  kinda bit little fairly rather`);

/** Contrast: what follows counts more than what precedes ("bien mais trop cher"). */
export const CONTRASTS = set("mais but however cependant pourtant though although sauf");

/** Positive words that customers use sarcastically ("great, another delay", "bravo…"). */
export const IRONY_PRONE = set(`great awesome wonderful fantastic brilliant perfect lovely love
  nice thanks thank bravo super genial geniale parfait parfaite merci magnifique formidable
  top chapeau excellent amazing wow cool good nickel well fabulous superb impressive
  incroyable`);

/** Repetition words that make a complaint sarcastic ("encore", "yet another"). */
export const REPETITION = set("encore again another usual hab habitude always toujours re");

/** Laughter that mocks when the message complains. */
export const LAUGHTER = set("lol mdr ptdr lmao rofl haha hahaha xd");

/** Thanking words, which in a request are politeness rather than praise. */
export const THANKS = set("merci thanks thank thx cheers remercie");

/** Explicit irony markers: "/s", "#ironie", "#sarcasm", "#not". */
export const EXPLICIT_IRONY_RE = /(?:^|\s)\/s(?:$|\s)|#(?:ironie|sarcasme|sarcasm|irony|not)\b/i;
