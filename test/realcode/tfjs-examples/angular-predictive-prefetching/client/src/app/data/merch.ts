export interface Merch {
  item_name: string;
  item_id: string;
  price: string;
  item_category: string;
  index: number;
  name: string;
  id: string;
  category: string;
  position: string;
}
