// Account profiles loaded from accounts tables (SPEC §2).
MATCH (a:Account)
WHERE a.has_profile
RETURN a.account_id AS account_id, a.screen_name AS screen_name, a.display_name AS display_name,
       a.description AS description, a.created_at AS created_at, a.followers_count AS followers_count,
       a.friends_count AS friends_count, a.statuses_count AS statuses_count,
       a.default_profile_image AS default_profile_image, a.verified AS verified, a.platform AS platform
