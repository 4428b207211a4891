/** A few dozen native emoji: the picker costs bytes, not a library (the system font draws them). */
const EMOJI = '😀 😂 😊 😍 😘 😉 😎 🤔 😅 😢 😭 😡 👍 👎 👏 🙏 💪 👋 🙌 👌 ✌️ 🤝 ❤️ 💙 🔥 ⭐ 🎉 ✅ ❌ ❓ 💡 📎 📦 🚚 💳 📅 ⏰ 📞 📧 🏠'.split(' ');

export function EmojiPicker({ label, onPick }: { label: string; onPick: (emoji: string) => void }) {
  return (
    <div class="emoji-picker" role="listbox" aria-label={label}>
      {EMOJI.map((e) => (
        <button type="button" role="option" aria-label={e} key={e} onClick={() => onPick(e)}>
          {e}
        </button>
      ))}
    </div>
  );
}
