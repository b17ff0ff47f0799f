/** The demo account's customers and what they wrote, in French and English. */
export interface DemoTurn {
  from: "customer" | "agent" | "note";
  text: string;
  /** Minutes before now. */
  ago: number;
  agent?: "admin" | "camille" | "sam";
}

export interface DemoConversation {
  customer: {
    id: string;
    name: string;
    email?: string;
    phone?: string;
    locale: "fr" | "en";
    timeZone: string;
  };
  turns: DemoTurn[];
  status?: "open" | "pending" | "resolved" | "snoozed";
  priority?: "low" | "normal" | "high" | "urgent";
  assignee?: "admin" | "camille" | "sam";
  team?: "delivery" | "tech";
}

export const DEMO_CONVERSATIONS: DemoConversation[] = [
  {
    customer: {
      id: "cust-elodie",
      name: "Élodie Martin",
      email: "elodie.martin@example.fr",
      phone: "+33 6 12 34 56 78",
      locale: "fr",
      timeZone: "Europe/Paris",
    },
    team: "delivery",
    priority: "high",
    turns: [
      {
        from: "customer",
        ago: 42,
        text: "Bonjour, mon colis est arrivé ce matin mais le carton était complètement écrasé et la cafetière à l'intérieur est fendue. Commande n° CMD-48213. Je suis vraiment déçue, c'était un cadeau pour ce week-end.",
      },
    ],
  },
  {
    customer: {
      id: "cust-james",
      name: "James Carter",
      email: "james.carter@example.com",
      locale: "en",
      timeZone: "America/New_York",
    },
    assignee: "camille",
    team: "tech",
    turns: [
      {
        from: "customer",
        ago: 60 * 26,
        text: "Hi, my laptop screen started flickering and then went completely black after just three weeks. Order #A-10293. I need it for work — what can you do?",
      },
      {
        from: "agent",
        agent: "camille",
        ago: 60 * 25,
        text: "Hello James, I'm sorry about this — a screen failing after three weeks is not what you should expect. Could you tell me if an external monitor works when plugged in? That tells us whether it's the panel or the graphics chip.",
      },
      {
        from: "note",
        agent: "camille",
        ago: 60 * 25 - 5,
        text: "Under warranty. If the external screen works: replacement from stock (ref. LT-14-PRO), no need to escalate.",
      },
      {
        from: "customer",
        ago: 35,
        text: "Yes, the external monitor works fine. So it's the screen itself I guess.",
      },
    ],
  },
  {
    customer: {
      id: "cust-sophie",
      name: "Sophie Laurent",
      email: "sophie.l@example.fr",
      locale: "fr",
      timeZone: "Europe/Paris",
    },
    status: "pending",
    assignee: "admin",
    turns: [
      {
        from: "customer",
        ago: 60 * 50,
        text: "Petite suggestion : ce serait génial de pouvoir choisir un créneau de livraison le samedi matin. En semaine je ne suis jamais chez moi.",
      },
      {
        from: "agent",
        agent: "admin",
        ago: 60 * 48,
        text: "Merci Sophie pour cette idée ! Je la transmets à l'équipe logistique et je reviens vers vous dès qu'elle est planifiée.",
      },
    ],
  },
  {
    customer: {
      id: "cust-priya",
      name: "Priya Shah",
      email: "priya.shah@example.co.uk",
      locale: "en",
      timeZone: "Europe/London",
    },
    team: "delivery",
    turns: [
      {
        from: "customer",
        ago: 18,
        text: "Where is my order?? It was supposed to arrive on Monday and the tracking hasn't moved in 5 days. Order 55120.",
      },
    ],
  },
  {
    customer: {
      id: "cust-marc",
      name: "Marc Dubois",
      email: "marc.dubois@example.fr",
      locale: "fr",
      timeZone: "Europe/Paris",
    },
    status: "resolved",
    assignee: "sam",
    team: "tech",
    turns: [
      {
        from: "customer",
        ago: 60 * 72,
        text: "Bonjour, est-ce que le chargeur USB-C 65 W est compatible avec mon MacBook Air de 2020 ?",
      },
      {
        from: "agent",
        agent: "sam",
        ago: 60 * 71,
        text: "Bonjour Marc, oui : le MacBook Air 2020 accepte jusqu'à 30 W, le chargeur 65 W le chargera sans risque (il s'adapte). Bonne journée !",
      },
      { from: "customer", ago: 60 * 70, text: "Parfait, merci pour la réponse rapide !" },
    ],
  },
  {
    customer: {
      id: "cust-emma",
      name: "Emma Wilson",
      email: "emma.w@example.com",
      locale: "en",
      timeZone: "America/Los_Angeles",
    },
    status: "resolved",
    priority: "low",
    turns: [
      {
        from: "customer",
        ago: 60 * 30,
        text: "Just wanted to say thanks to Julie from your team — she sorted out my return in two minutes. Super helpful! 🙏",
      },
      {
        from: "agent",
        agent: "admin",
        ago: 60 * 29,
        text: "Thank you Emma, I'll make sure Julie hears it!",
      },
    ],
  },
  {
    customer: {
      id: "cust-lucas",
      name: "Lucas Bernard",
      email: "lucas.bernard@example.fr",
      phone: "+33 7 98 76 54 32",
      locale: "fr",
      timeZone: "Europe/Paris",
    },
    priority: "urgent",
    turns: [
      {
        from: "customer",
        ago: 95,
        text: "J'ai été débité DEUX FOIS pour la même commande (CMD-47790) !!! 389 € chacun. Je veux être remboursé immédiatement.",
      },
    ],
  },
  {
    customer: {
      id: "cust-olivia",
      name: "Olivia Brown",
      email: "olivia.brown@example.com",
      locale: "en",
      timeZone: "America/Chicago",
    },
    assignee: "camille",
    turns: [
      {
        from: "customer",
        ago: 240,
        text: "I can't figure out how to pair the new headphones with my phone. I hold the button, the light blinks blue, but nothing shows up in Bluetooth.",
      },
    ],
  },
  {
    customer: {
      id: "cust-thomas",
      name: "Thomas Petit",
      email: "thomas.petit@example.fr",
      locale: "fr",
      timeZone: "Europe/Paris",
    },
    status: "snoozed",
    turns: [
      {
        from: "customer",
        ago: 60 * 8,
        text: "Idée comme ça : vous devriez faire un partenariat avec des youtubeurs tech pour montrer vos casques. Je connais quelqu'un si ça vous intéresse.",
      },
    ],
  },
  {
    customer: {
      id: "cust-chloe",
      name: "Chloé Moreau",
      email: "chloe.moreau@example.be",
      locale: "fr",
      timeZone: "Europe/Brussels",
    },
    team: "delivery",
    turns: [
      {
        from: "customer",
        ago: 130,
        text: "Le suivi indique « livré » depuis hier mais je n'ai RIEN reçu !!! Ni dans la boîte aux lettres ni chez les voisins.",
      },
    ],
  },
];
