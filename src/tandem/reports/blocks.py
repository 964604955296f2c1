"""Plain register text as blocks a report can lay out: paragraphs (separated by a blank line) and
lists (consecutive lines starting with '- '). Nothing else is interpreted, so a user's text can
never become markup in HTML, PDF or DOCX: every renderer escapes or writes it as plain runs."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Block:
    kind: str  # "paragraph" or "list"
    items: tuple[str, ...]

    @property
    def is_list(self) -> bool:
        return self.kind == "list"


def text_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        paragraph: list[str] = []
        items: list[str] = []
        for line in lines:
            if line.startswith("- "):
                if paragraph:
                    blocks.append(Block("paragraph", (" ".join(paragraph),)))
                    paragraph = []
                items.append(line[2:].strip())
            elif items and not paragraph:
                # A wrapped list item: the line continues the item above it.
                items[-1] = f"{items[-1]} {line}"
            else:
                paragraph.append(line)
        if items:
            blocks.append(Block("list", tuple(items)))
        if paragraph:
            blocks.append(Block("paragraph", (" ".join(paragraph),)))
    return blocks
