-- Imported places by position: a village a note names with its admin units but writes
-- otherwise than the gazetteer ("Rumirgo (Askira Uba LGA, Borno)" for Rumirigo) is looked
-- for among the places around the unit (gazetteer.index.Gazetteer.around), a range scan.

CREATE INDEX gazetteer_places_position ON gazetteer_places (country, latitude);
