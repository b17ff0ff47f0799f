// Emoji and emoticons with their valence (AFINN scale). Emoji that mostly mark irony or
// mockery in a complaint ("🙄", "🙃", "😂" after a delay) are listed in IRONY_EMOJI instead.

const EMOJI_GROUPS: Readonly<Record<number, string>> = {
  4: "🤩 🥰 😍 💯 🏆",
  3: "❤️ ❤ 💕 💖 💗 💘 😘 🥳 🎉 👏 🙌 😁 😃 😄 😊 ☺️ 💪 ⭐ 🌟 ✨ 🔥 👌 😀 🤗 💝 💙 💚 💜 🧡",
  2: "👍 🙂 😉 😎 😻 👍🏻 👍🏼 👍🏽 👍🏾 👍🏿 ✅ 🆗 🤞 😇",
  1: "🙏 🙏🏻 🙏🏼 🙏🏽 🙏🏾 🙏🏿 😌 😋 🤝",
  [-1]: "😕 😐 😑 🤔 😬 😅 😶 🐌",
  [-2]: "😞 😟 😔 😢 😥 😓 😩 😫 😣 😖 🙁 ☹️ 👎 👎🏻 👎🏼 👎🏽 👎🏾 👎🏿 😤 😱 😰 💔 ❌ ⚠️ 😭 😪 🤦 🤦‍♀️ 🤦‍♂️ 🤷",
  [-3]: "😠 😡 💩 🤮 🤢 😾 🖕 💢",
  [-4]: "🤬",
};

const EMOTICON_GROUPS: Readonly<Record<number, readonly string[]>> = {
  3: [":D", ":-D", "<3", "^^", "^_^", "xD", "XD"],
  2: [":)", ":-)", ";)", ";-)", ":]", "=)"],
  [-2]: [":(", ":-(", ":'(", ":/", ":-/", ":\\", "=(", ":|"],
  [-3]: [">:(", "D:"],
};

/** Emoji that read as irony or mockery when the message also complains. */
export const IRONY_EMOJI = new Set(["🙄", "🙃", "😒", "😏", "🤡", "😂", "🤣", "🤭"]);

function buildEmojiMap(): Map<string, number> {
  const map = new Map<string, number>();
  for (const [score, list] of Object.entries(EMOJI_GROUPS)) {
    for (const emoji of list.split(" ")) map.set(emoji.replace(/\uFE0F/g, ""), Number(score));
  }
  for (const [score, list] of Object.entries(EMOTICON_GROUPS)) {
    for (const emoticon of list) map.set(emoticon, Number(score));
  }
  return map;
}

export const EMOJI_SCORES: ReadonlyMap<string, number> = buildEmojiMap();

/** Emoticons, longest first, escaped for a RegExp alternation. */
export const EMOTICON_PATTERN = Object.values(EMOTICON_GROUPS)
  .flat()
  .sort((a, b) => b.length - a.length)
  .map((e) => e.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&"))
  .join("|");
