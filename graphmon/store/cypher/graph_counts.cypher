// How many nodes and relationships of each graphmon kind the database holds.
RETURN COUNT { (:Account) } AS accounts, COUNT { (:Post) } AS posts, COUNT { (:Object) } AS objects,
       COUNT { ()-[:POSTED]->() } AS posted, COUNT { ()-[:SHARES]->() } AS shares, COUNT { (:Run) } AS runs,
       COUNT { (:Cluster) } AS clusters, COUNT { ()-[:MEMBER_OF]->() } AS member_of,
       COUNT { ()-[:COORDINATED_WITH]->() } AS coordinated_with
