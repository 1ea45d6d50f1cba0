//! `Deserialize` for the model's "text or map" enums, dispatched on the
//! YAML value's own type.
//!
//! serde's `untagged` buffers every value and tries the variants one by
//! one, formatting an error for each miss; a keyed block buffers its whole
//! subtree again at every level of nesting. These enums hold nearly every
//! value of a plan (each paragraph is a `Block`, each table cell a `Cell`),
//! and loading spent more time there than in parsing the YAML. The schema
//! walk (`walk.rs`) has already checked the shape and reported every
//! problem at its position, so this is only the final conversion.

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

use super::model::{Block, Cell, KeyedBlock, ListItem, NestedItem, RichCell};

/// `Deserialize` for an enum whose values are text (`$text` variant) or a
/// map (read as `$map`, wrapped in `$wrap`).
macro_rules! text_or_map {
    ($ty:ty, $expecting:literal, $text:expr, $map:ty, $wrap:expr) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<$ty, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$ty, E> {
                        Ok($text(v.to_string()))
                    }
                    fn visit_string<E: de::Error>(self, v: String) -> Result<$ty, E> {
                        Ok($text(v))
                    }
                    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<$ty, A::Error> {
                        <$map>::deserialize(MapAccessDeserializer::new(map)).map($wrap)
                    }
                }
                d.deserialize_any(V)
            }
        }
    };
}

text_or_map!(
    Block,
    "a paragraph or a block",
    Block::Text,
    KeyedBlock,
    Block::Keyed
);
text_or_map!(
    ListItem,
    "a list item or {text, con}",
    ListItem::Text,
    NestedItem,
    ListItem::Nested
);

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Cell, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Cell;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a cell: nothing, a number, text or a map")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Cell, E> {
                Ok(Cell::Empty(()))
            }
            fn visit_none<E: de::Error>(self) -> Result<Cell, E> {
                Ok(Cell::Empty(()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Cell, E> {
                Ok(Cell::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Cell, E> {
                Ok(Cell::Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Cell, E> {
                Ok(Cell::Number(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Cell, E> {
                Ok(Cell::Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Cell, E> {
                Ok(Cell::Text(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Cell, A::Error> {
                RichCell::deserialize(MapAccessDeserializer::new(map)).map(Cell::Rich)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_shape_reads_as_its_variant() {
        let blocks: Vec<Block> =
            serde_yaml::from_str("- Một đoạn\n- doan: Hai\n- gach: [a, {text: b, con: [c]}]\n")
                .unwrap();
        assert_eq!(blocks[0], Block::Text("Một đoạn".into()));
        assert_eq!(blocks[1], Block::Keyed(KeyedBlock::Doan("Hai".into())));
        let Block::Keyed(KeyedBlock::Gach(items)) = &blocks[2] else {
            panic!("{:?}", blocks[2]);
        };
        assert_eq!(items[0], ListItem::Text("a".into()));
        assert_eq!(
            items[1],
            ListItem::Nested(NestedItem {
                text: "b".into(),
                con: vec![ListItem::Text("c".into())]
            })
        );
        let cells: Vec<Cell> = serde_yaml::from_str("[~, 7, 1.5, x, {text: y, ngang: 2}]").unwrap();
        assert_eq!(cells[0], Cell::Empty(()));
        assert_eq!(cells[1], Cell::Number(7.0));
        assert_eq!(cells[2], Cell::Number(1.5));
        assert_eq!(cells[3], Cell::Text("x".into()));
        let Cell::Rich(r) = &cells[4] else {
            panic!("{:?}", cells[4]);
        };
        assert_eq!((r.text.as_deref(), r.ngang), (Some("y"), Some(2)));
    }

    #[test]
    fn other_shapes_are_refused() {
        assert!(serde_yaml::from_str::<Block>("[a]").is_err());
        assert!(serde_yaml::from_str::<Block>("7").is_err());
        assert!(serde_yaml::from_str::<Cell>("[1]").is_err());
        assert!(serde_yaml::from_str::<Block>("{bang_moi: x}").is_err());
    }
}
