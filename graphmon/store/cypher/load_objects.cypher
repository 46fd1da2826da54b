// Objects of share events, each with the extra label of its type from the fixed allowlist
// (graphmon/store/labels.py computes `label`; only the labels written here can be set).
// Columns: object_type, object_id, label (may be empty).
UNWIND range(0, size($object_id) - 1) AS i
WITH $object_type[i] AS object_type, $object_id[i] AS object_id, $label[i] AS label
MERGE (o:Object {object_type: object_type, object_id: object_id})
FOREACH (_ IN CASE WHEN label = 'Domain' THEN [1] ELSE [] END | SET o:Domain)
FOREACH (_ IN CASE WHEN label = 'Forward' THEN [1] ELSE [] END | SET o:Forward)
FOREACH (_ IN CASE WHEN label = 'Hashtag' THEN [1] ELSE [] END | SET o:Hashtag)
FOREACH (_ IN CASE WHEN label = 'Image' THEN [1] ELSE [] END | SET o:Image)
FOREACH (_ IN CASE WHEN label = 'Mention' THEN [1] ELSE [] END | SET o:Mention)
FOREACH (_ IN CASE WHEN label = 'Quote' THEN [1] ELSE [] END | SET o:Quote)
FOREACH (_ IN CASE WHEN label = 'Reply' THEN [1] ELSE [] END | SET o:Reply)
FOREACH (_ IN CASE WHEN label = 'Retweet' THEN [1] ELSE [] END | SET o:Retweet)
FOREACH (_ IN CASE WHEN label = 'Text' THEN [1] ELSE [] END | SET o:Text)
FOREACH (_ IN CASE WHEN label = 'Url' THEN [1] ELSE [] END | SET o:Url)
FOREACH (_ IN CASE WHEN label = 'Video' THEN [1] ELSE [] END | SET o:Video)
